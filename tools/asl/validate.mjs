// Prints asl-validator's verdict on ASL definition files, one JSON line per file:
//   {"file": "...", "isValid": true|false, "errors": [...]}
// Usage: node tools/asl/validate.mjs FILE.asl.json [FILE...]
// Exit status: 0 when every file is valid, 1 when any is invalid, 2 on a usage or read error.
// ARN checks are off (Ferry's Lambda ARNs are placeholders until deploy); the CLI's
// --no-arn-check flag has no effect in asl-validator 4.0.0, so the library is called directly.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
const validator = require('asl-validator');

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node tools/asl/validate.mjs FILE.asl.json [FILE...]');
  process.exit(2);
}

let status = 0;
for (const file of files) {
  let definition;
  try {
    definition = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    console.error(`validate.mjs: cannot read ${file} as JSON: ${e.message}`);
    process.exit(2);
  }
  const { isValid, errors } = validator(definition, { checkArn: false });
  console.log(JSON.stringify({ file, isValid, errors }));
  if (!isValid) {
    status = 1;
  }
}
process.exit(status);
