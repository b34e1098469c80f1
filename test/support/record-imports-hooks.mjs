// Module resolution hooks (node:module `register`) that append every resolved URL to a file, so a test can
// see which packages a process loaded. Runs in the hooks thread; `data.file` comes from `register`.
import { appendFileSync } from 'node:fs';

let file;

export function initialize(data) {
  file = data.file;
}

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(file, `${resolved.url}\n`);
  return resolved;
}
