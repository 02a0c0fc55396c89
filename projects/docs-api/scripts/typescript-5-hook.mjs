// dependency-cruiser parses TypeScript with the TypeScript *JS API*, which TypeScript 7 (the native compiler
// this project builds with) no longer ships. This preload hands dependency-cruiser the pinned 5.9 package
// (installed as `typescript-5`), both for its version probe (a CommonJS require of typescript/package.json)
// and for the import itself, and leaves every other import alone. Used by `npm run deps:check`.
import Module, { register } from 'node:module';

const fromCruiser = (parent) => typeof parent === 'string' && parent.includes('/dependency-cruiser/');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
  if (fromCruiser(parent?.filename) && (request === 'typescript' || request.startsWith('typescript/'))) {
    request = request.replace(/^typescript/, 'typescript-5');
  }
  return resolveFilename.call(this, request, parent, ...rest);
};

register(
  'data:text/javascript,' +
    encodeURIComponent(`
export async function resolve(specifier, context, next) {
  if (specifier === 'typescript' && context.parentURL && context.parentURL.includes('/dependency-cruiser/')) {
    return next('typescript-5', context);
  }
  return next(specifier, context);
}`),
  import.meta.url,
);
