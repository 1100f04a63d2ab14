// Runs a compiled Ferry machine in aws-local-stepfunctions (installed under tools/asl) and prints
// one JSON line: {"status": "SUCCEEDED"|"FAILED", "visited": [task states], "error", "cause"}.
// Usage: node run-machine.mjs TOOLS_DIR DEFINITION.json SCENARIO.json
// SCENARIO: {"input": {...}, "results": {"<function name>": {...payload}}, "failAt": "<state>"}
// Every Task gets a local handler: DynamoDB writes succeed, Lambda calls return
// {"Payload": results[FunctionName]} (callbacks return results[FunctionName] itself), and the
// state named failAt throws Ferry.InjectedFault.
if (!Promise.withResolvers) {
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new Promise((a, b) => { resolve = a; reject = b; });
    return { promise, resolve, reject };
  };
}
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const [toolsDir, definitionFile, scenarioFile] = process.argv.slice(2);
const require = createRequire(join(toolsDir, 'package.json'));
const { StateMachine } = require('aws-local-stepfunctions');
const definition = JSON.parse(readFileSync(definitionFile, 'utf8'));
const scenario = JSON.parse(readFileSync(scenarioFile, 'utf8'));
const visited = [];
const handlers = {};
const waits = {};

function register(states) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task') {
      handlers[name] = async () => {
        visited.push(name);
        if (name === scenario.failAt) {
          const e = new Error('injected fault at ' + name);
          e.name = 'Ferry.InjectedFault';
          throw e;
        }
        if (state.Resource.includes(':dynamodb')) return {};
        const result = scenario.results[state.Parameters.FunctionName] ?? {};
        return state.Resource.endsWith('.waitForTaskToken') ? result : { Payload: result };
      };
    }
    if (state.Type === 'Wait') waits[name] = 0;
    if (state.Type === 'Parallel') state.Branches.forEach(b => register(b.States));
  }
}
register(definition.States);

// The engine leaves these context fields empty; AWS fills them.
const context = {
  Execution: { Id: 'arn:aws:states:local:0:execution:m:run-1', Name: 'run-1', StartTime: '2026-01-01T00:00:00Z' },
  State: { EnteredTime: '2026-01-01T00:00:01Z', Name: '' },
  Task: { Token: 'token-1' },
};
const machine = new StateMachine(definition, { validationOptions: { checkArn: false, checkPaths: false } });
const execution = machine.run(scenario.input, { context, overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides: waits } });
try {
  const output = await execution.result;
  console.log(JSON.stringify({ status: 'SUCCEEDED', visited, output }));
} catch (failure) {
  const e = failure.cause ?? failure;
  console.log(JSON.stringify({ status: 'FAILED', visited, error: e.name, cause: e.message }));
}
