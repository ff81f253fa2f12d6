import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import { ROOT } from '../helpers.js';

/** Validators compiled here from the committed files in schemas/, independently of the build's own. */
export function publishedValidator(file: string): ValidateFunction {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  return ajv.compile(JSON.parse(readFileSync(path.join(ROOT, 'schemas', file), 'utf8')) as object);
}

export function errorsOf(validate: ValidateFunction): string {
  return (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`).join('; ');
}
