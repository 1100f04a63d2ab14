// Runs an ASL definition in aws-local-stepfunctions with Task responses taken from an
// AWS Step Functions Local MockConfigFile, and prints one JSON line:
//   {"status":"SUCCEEDED","output":...,"visited":[...]} or
//   {"status":"FAILED","error":...,"cause":...,"visited":[...]}
//
// usage: node run-local.mjs --definition DEF.json --input INPUT.json --mocks MOCKS.json
//                           --test-case NAME [--state-machine NAME]
//
// aws-local-stepfunctions 3.x needs Promise.withResolvers (Node 22); Node 20 lacks it.
if (typeof Promise.withResolvers !== 'function') {
  Promise.withResolvers = function withResolvers() {
    let resolve, reject;
    const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
    return { promise, resolve, reject };
  };
}

import { readFileSync } from 'node:fs';

const { StateMachine } = await import('aws-local-stepfunctions');

function parseArgs(argv) {
  const args = {};
  for (let i = 0; i < argv.length; i += 2) {
    const key = argv[i];
    if (!key.startsWith('--') || i + 1 >= argv.length) {
      throw new Error(`expected --name value pairs, got '${key}'`);
    }
    args[key.slice(2)] = argv[i + 1];
  }
  for (const required of ['definition', 'input', 'mocks', 'test-case']) {
    if (!args[required]) throw new Error(`missing --${required}`);
  }
  return args;
}

const readJson = (path) => JSON.parse(readFileSync(path, 'utf8'));

// Every state's name across branches and iterators, with the states that carry Retry or are Waits.
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

// The MockConfigFile rule: a response is keyed by invocation number ("0") or an inclusive range ("1-2").
function responseFor(mockedResponse, invocation, responseName) {
  for (const [key, value] of Object.entries(mockedResponse)) {
    const [from, to = from] = key.split('-').map(Number);
    if (invocation >= from && invocation <= to) return value;
  }
  throw new Error(`mocked response '${responseName}' has no entry for invocation ${invocation}`);
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const definition = readJson(args.definition);
  const input = readJson(args.input);
  const mocks = readJson(args.mocks);
  const machines = mocks.StateMachines ?? {};
  const machineName = args['state-machine'] ?? Object.keys(machines)[0];
  const testCase = machines[machineName]?.TestCases?.[args['test-case']];
  if (!testCase) throw new Error(`no test case '${args['test-case']}' for state machine '${machineName}' in ${args.mocks}`);

  const states = collectStates(definition.States);
  const invocations = new Map();
  const taskResourceLocalHandlers = {};
  for (const stateName of states.tasks) {
    taskResourceLocalHandlers[stateName] = async () => {
      const responseName = testCase[stateName];
      if (!responseName) throw new Error(`test case '${args['test-case']}' has no mock for Task state '${stateName}'`);
      const mockedResponse = mocks.MockedResponses?.[responseName];
      if (!mockedResponse) throw new Error(`mocked response '${responseName}' is not defined`);
      const invocation = invocations.get(stateName) ?? 0;
      invocations.set(stateName, invocation + 1);
      const response = responseFor(mockedResponse, invocation, responseName);
      if (response.Throw) {
        const error = new Error(response.Throw.Cause ?? '');
        error.name = response.Throw.Error;
        throw error;
      }
      return response.Return;
    };
  }
  const zero = (names) => Object.fromEntries(names.map((name) => [name, 0]));

  const now = new Date().toISOString();
  const executionName = args['execution-name'] ?? 'local-run';
  const machine = new StateMachine(definition, { validationOptions: { checkArn: false } });
  const execution = machine.run(input, {
    overrides: {
      taskResourceLocalHandlers,
      waitTimeOverrides: zero(states.waits),
      retryIntervalOverrides: zero(states.retrying),
    },
    context: {
      Execution: {
        Id: `arn:aws:states:us-east-1:123456789012:execution:${machineName}:${executionName}`,
        Name: executionName, StartTime: now, Input: input,
        RoleArn: 'arn:aws:iam::123456789012:role/ferry-local',
      },
      StateMachine: { Id: `arn:aws:states:us-east-1:123456789012:stateMachine:${machineName}`, Name: machineName },
      State: { EnteredTime: now, Name: '', RetryCount: 0 },
      Task: { Token: 'local-task-token' },
    },
  });

  const visited = [];
  const logging = (async () => {
    for await (const event of execution.eventLogs) {
      if (event.type === 'StateEntered') visited.push(event.state.name);
    }
  })();

  let line;
  try {
    const output = await execution.result;
    line = { status: 'SUCCEEDED', output };
  } catch (failure) {
    const cause = failure.cause ?? failure;
    line = { status: 'FAILED', error: cause.name ?? null, cause: cause.message ?? null };
  }
  await logging.catch(() => {});
  line.visited = visited;
  process.stdout.write(JSON.stringify(line) + '\n');
}

main().catch((problem) => {
  process.stderr.write(`run-local: ${problem.message}\n`);
  process.exit(2);
});
