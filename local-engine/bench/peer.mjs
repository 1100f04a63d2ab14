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
} else {
  throw new Error(`unknown workload ${workload}`);
}
const ms = Number((process.hrtime.bigint() - start) / 1000000n);
console.log(`{"engine":"aws-local-stepfunctions","workload":"${workload}","inProcessMillis":${ms},${detail}}`);
