// Entry of dist/weaver/go-weave-core.cjs, the second file of the CLI bundle: the weaving core
// (parser, aspects, templates) and the commands built on it. The first file loads it on first
// use, so a go command whose packages all come from the weave cache never parses it.
export * from './index.js';
export { weaveCommand } from './cli/weave-command.js';
export { aspectsCommand } from './cli/aspects-command.js';
