// Finds where a field of a plugin definition is written: `rules[2].clause` → the line and column
// of that property in the `definePolicyPlugin({...})` call, read with the TypeScript parser.
import ts from 'typescript';

export interface Position {
  line: number;
  column: number;
}

export interface SourceLocator {
  readonly file: string;
  readonly source: ts.SourceFile;
  /** The deepest written node along `path`; where the path leaves the literal (a spread, a call), the last node reached. */
  locate(path: string, hint?: string): Position;
  /** Where `node` starts, 1-based. */
  position(node: ts.Node): Position;
  /** The spec's node at `path`, or undefined when it is not written literally. */
  node(path: string): ts.Node | undefined;
}

/** `rules[2].clause` → ['rules', 2, 'clause']; dots inside keys are not used by the SDK's paths. */
export function parsePath(path: string): (string | number)[] {
  if (path === '' || path === '(plugin)') return [];
  return [...path.matchAll(/\[(\d+)\]|([^.[\]]+)/g)].map((m) => (m[1] !== undefined ? Number(m[1]) : m[2]!));
}

function unwrap(node: ts.Expression): ts.Expression {
  let n = node;
  while (ts.isAsExpression(n) || ts.isSatisfiesExpression(n) || ts.isParenthesizedExpression(n) || ts.isTypeAssertionExpression(n)) n = n.expression;
  return n;
}

function propertyName(name: ts.PropertyName): string | undefined {
  if (ts.isIdentifier(name) || ts.isStringLiteral(name) || ts.isNumericLiteral(name) || ts.isNoSubstitutionTemplateLiteral(name)) return name.text;
  if (ts.isComputedPropertyName(name)) {
    const e = unwrap(name.expression);
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return e.text;
  }
  return undefined;
}

export function createSourceLocator(file: string, text: string): SourceLocator {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);

  // Top-level `const x = …` in this file, so `config: configSchema` or `rules: [rule]` can be followed.
  const constants = new Map<string, ts.Expression>();
  const visitDeclarations = (node: ts.Node) => {
    if (ts.isVariableDeclaration(node) && ts.isIdentifier(node.name) && node.initializer) constants.set(node.name.text, node.initializer);
    ts.forEachChild(node, visitDeclarations);
  };
  visitDeclarations(source);

  const follow = (expr: ts.Expression, seen = new Set<string>()): ts.Expression => {
    const e = unwrap(expr);
    if (ts.isIdentifier(e) && constants.has(e.text) && !seen.has(e.text)) return follow(constants.get(e.text)!, seen.add(e.text));
    return e;
  };

  let spec: ts.Expression | undefined;
  const findSpec = (node: ts.Node) => {
    if (spec) return;
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'definePolicyPlugin' && node.arguments[0]) {
      spec = follow(node.arguments[0]);
      return;
    }
    ts.forEachChild(node, findSpec);
  };
  findSpec(source);

  const position = (node: ts.Node): Position => {
    const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
    return { line: line + 1, column: character + 1 };
  };

  /** The node for each step of the path; stops where the path leaves what is written literally. */
  const walk = (path: string): { node: ts.Node; complete: boolean } | undefined => {
    if (!spec) return undefined;
    let value: ts.Expression = spec;
    let node: ts.Node = spec;
    for (const key of parsePath(path)) {
      const current = follow(value);
      if (typeof key === 'number' && ts.isArrayLiteralExpression(current)) {
        const elements = current.elements;
        // A spread before the index shifts every position after it: only what precedes it is known.
        if (elements.slice(0, key + 1).some(ts.isSpreadElement) || !elements[key]) return { node, complete: false };
        node = value = elements[key];
        continue;
      }
      if (typeof key === 'string' && ts.isObjectLiteralExpression(current)) {
        const prop = current.properties.find((p) => p.name !== undefined && propertyName(p.name) === key);
        if (!prop) return { node, complete: false };
        node = prop;
        if (ts.isPropertyAssignment(prop)) value = prop.initializer;
        else if (ts.isShorthandPropertyAssignment(prop)) value = prop.name;
        else return { node, complete: true };
        continue;
      }
      return { node, complete: false };
    }
    return { node, complete: true };
  };

  const stringLiteral = (value: string): ts.Node | undefined => {
    let found: ts.Node | undefined;
    const visit = (node: ts.Node) => {
      if (found) return;
      if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && node.text === value) found = node;
      else ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
  };

  return {
    file,
    source,
    position,
    node(path) {
      const w = walk(path);
      return w?.complete ? w.node : undefined;
    },
    locate(path, hint) {
      const w = walk(path);
      if (w?.complete) return position(w.node);
      // Written through a helper (`...workItems()`, `cite(…)`): the value itself is still in this file.
      const literal = hint === undefined ? undefined : stringLiteral(hint);
      if (literal) return position(literal);
      if (w) return position(w.node);
      return { line: 1, column: 1 };
    },
  };
}
