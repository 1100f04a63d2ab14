// The aws-local-stepfunctions side of run.sh: runs one workload on the same definitions and inputs.
if (typeof Promise.withResolvers !== 'function') {
  // aws-local-stepfunctions 3 uses Promise.withResolvers, which Node 20 lacks.
  Promise.withResolvers = function () {
    let resolve, reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

// The peer is installed under tools/asl (npm ci --prefix tools/asl); ASL_TOOLS points there.
const require = createRequire(join(process.env.ASL_TOOLS, 'package.json'));
const { StateMachine } = require('aws-local-stepfunctions');

const [workload, dir] = process.argv.slice(2);
const definition = JSON.parse(readFileSync(join(dir, `${workload}.asl.json`), 'utf8'));
const input = JSON.parse(readFileSync(join(dir, `${workload}.input.json`), 'utf8'));
const machine = new StateMachine(definition, { validationOptions: { checkPaths: false, checkArn: false } });
const start = process.hrtime.bigint();
let detail;
if (workload === 'map100k') {
  const output = await machine.run(input).result;
  detail = `"items":${output.count}`;
} else if (workload === 'chain1000') {
  for (let i = 0; i < 1000; i++) {
    await machine.run(input).result;
  }
  detail = '"executions":1000';
} else if (workload === 'start') {
  await machine.run(input).result;
  detail = '"executions":1';
} else if (workload === 'migration1000') {
  // Every Task (Lambda and DynamoDB alike) is answered in-process from the MockConfigFile test
  // case HappyPath, per execution and invocation, as Ferry's engine answers it; Waits take no time.
  const mocks = JSON.parse(readFileSync(join(dir, 'migration1000.mocks.json'), 'utf8'));
  const machineName = 'postgres-schema-upgrade';
  const testCase = mocks.StateMachines[machineName].TestCases.HappyPath;
  const states = collectStates(definition.States);
  for (let i = 0; i < 1000; i++) {
    const invocations = new Map();
    const taskResourceLocalHandlers = {};
    for (const stateName of states.tasks) {
      taskResourceLocalHandlers[stateName] = async () => {
        const responses = mocks.MockedResponses[testCase[stateName]];
        const invocation = invocations.get(stateName) ?? 0;
        invocations.set(stateName, invocation + 1);
        const response = responseFor(responses, invocation);
        if (response.Throw) {
          const error = new Error(response.Throw.Cause ?? '');
          error.name = response.Throw.Error;
          throw error;
        }
        return response.Return;
      };
    }
    const name = `migration-${i}`;
    const now = new Date().toISOString();
    const output = await machine.run(input, {
      overrides: { taskResourceLocalHandlers, waitTimeOverrides: zero(states.waits), retryIntervalOverrides: zero(states.retrying) },
      context: {
        Execution: {
          Id: `arn:aws:states:us-east-1:123456789012:execution:${machineName}:${name}`,
          Name: name, StartTime: now, Input: input,
          RoleArn: 'arn:aws:iam::123456789012:role/ferry-local',
        },
        StateMachine: { Id: `arn:aws:states:us-east-1:123456789012:stateMachine:${machineName}`, Name: machineName },
        // The peer does not fill in $$.State itself; the migration's records read its EnteredTime.
        State: { EnteredTime: now, Name: '', RetryCount: 0 },
      },
    }).result;
    if (i === 0) detail = `"firstOutputKeys":${JSON.stringify(Object.keys(output))}`;
  }
  detail = `"executions":1000,${detail}`;
} else {
  throw new Error(`unknown workload ${workload}`);
}

function collectStates(states, into = { tasks: [], waits: [], retrying: [] }) {
  for (const [name, state] of Object.entries(states)) {
    if (state.Type === 'Task') into.tasks.push(name);
    if (state.Type === 'Wait') into.waits.push(name);
    if (state.Retry) into.retrying.push(name);
    for (const branch of state.Branches ?? []) collectStates(branch.States, into);
    const processor = state.ItemProcessor ?? state.Iterator;
    if (processor) collectStates(processor.States, into);
  }
  return into;
}

// MockConfigFile responses are keyed by invocation number ("0") or an inclusive range ("1-2").
function responseFor(responses, invocation) {
  for (const [key, value] of Object.entries(responses)) {
    const [from, to = from] = key.split('-').map(Number);
    if (invocation >= from && invocation <= to) return value;
  }
  throw new Error(`no mocked response for invocation ${invocation}`);
}

function zero(names) {
  return Object.fromEntries(names.map((name) => [name, 0]));
}

const ms = Number((process.hrtime.bigint() - start) / 1000000n);
console.log(`{"engine":"aws-local-stepfunctions","workload":"${workload}","inProcessMillis":${ms},${detail}}`);
