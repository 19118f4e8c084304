import { Language, Parser, type Tree } from 'web-tree-sitter';
import { assetPath } from '../assets.js';

let ready: Promise<Parser> | undefined;

/** One parser per process: loading the grammar costs ~15 ms, parsing reuses it. */
export function goParser(): Promise<Parser> {
  ready ??= (async () => {
    await Parser.init({ locateFile: () => assetPath('web-tree-sitter.wasm') });
    const lang = await Language.load(assetPath('tree-sitter-go.wasm'));
    const parser = new Parser();
    parser.setLanguage(lang);
    return parser;
  })();
  return ready;
}

/**
 * Parses Go source. Indices in the returned tree are UTF-16 code units, i.e. JavaScript string
 * indices, so edits splice `source` directly; byte columns for //line are derived separately.
 */
export async function parseGo(source: string): Promise<Tree> {
  const parser = await goParser();
  // A missing final newline can make the grammar report an error with no error node.
  const text = source.endsWith('\n') ? source : source + '\n';
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return tree;
}
