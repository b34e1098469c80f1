// Every AWS SDK command a TypeScript source can send, found with the compiler API: `new XxxCommand(…)`
// and `paginateXxx(…)` on names imported from `@aws-sdk/client-*`. Anything the collector can't follow
// (a Command class passed around as a value, a waiter, an aggregated `new ECS()` client, another
// @aws-sdk package) is reported as a problem rather than silently missed.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

export interface SdkCall {
  /** `client-ecs`, `client-s3`, … */
  client: string;
  /** The API operation, e.g. `UpdateService`. */
  operation: string;
  /** `path:line`. */
  at: string;
}

/** @aws-sdk packages that send nothing themselves (the presigner signs a command built elsewhere). */
const SENDS_NOTHING = new Set(['@aws-sdk/s3-request-presigner', '@aws-sdk/types']);
const CLIENT_PACKAGE = /^@aws-sdk\/(client-[a-z0-9-]+)$/;

/** The SDK calls in one source text, and what the collector could not follow. */
export function sdkCallsIn(path: string, text: string): { calls: SdkCall[]; problems: string[] } {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const at = (node: ts.Node) => `${path}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const named = new Map<string, { client: string; name: string }>();
  const namespaces = new Map<string, string>();
  const calls: SdkCall[] = [];
  const problems: string[] = [];

  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const module = statement.moduleSpecifier.text;
    const client = CLIENT_PACKAGE.exec(module)?.[1];
    if (!client) {
      if (module.startsWith('@aws-sdk/') && !SENDS_NOTHING.has(module))
        problems.push(`${at(statement)} imports ${module}: teach test/support/aws-sdk-calls.ts what it sends`);
      continue;
    }
    const bindings = statement.importClause?.namedBindings;
    if (statement.importClause?.isTypeOnly || !bindings) continue;
    if (ts.isNamespaceImport(bindings)) namespaces.set(bindings.name.text, client);
    else
      for (const element of bindings.elements) {
        if (!element.isTypeOnly)
          named.set(element.name.text, { client, name: (element.propertyName ?? element.name).text });
      }
  }

  const record = (client: string, name: string, node: ts.Node) => {
    const paginator = /^paginate(\w+)$/.exec(name);
    if (name.endsWith('Command') && ts.isNewExpression(node))
      calls.push({ client, operation: name.slice(0, -'Command'.length), at: at(node) });
    else if (paginator?.[1] && ts.isCallExpression(node)) calls.push({ client, operation: paginator[1], at: at(node) });
    else if (/^waitUntil/.test(name))
      problems.push(`${at(node)} uses the waiter ${name}: map the commands it polls by hand`);
    else if (ts.isNewExpression(node) && !name.endsWith('Client'))
      problems.push(`${at(node)} builds ${name}: use ${name}Client and commands, so their calls can be seen`);
  };

  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) || ts.isCallExpression(node)) {
      const callee = node.expression;
      if (ts.isIdentifier(callee) && named.has(callee.text)) {
        const imported = named.get(callee.text);
        if (imported) record(imported.client, imported.name, node);
      } else if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        namespaces.has(callee.expression.text)
      ) {
        record(namespaces.get(callee.expression.text) ?? '', callee.name.text, node);
      }
    } else if (ts.isIdentifier(node) && named.get(node.text)?.name.endsWith('Command') && escapes(node)) {
      problems.push(
        `${at(node)} uses ${node.text} other than in \`new ${node.text}(…)\`: the command it sends can't be seen`,
      );
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { calls, problems };
}

/** Whether a reference to a Command class is a value use other than constructing it. */
function escapes(node: ts.Identifier): boolean {
  const parent = node.parent;
  if (ts.isNewExpression(parent) && parent.expression === node) return false;
  return !(
    ts.isImportSpecifier(parent) ||
    ts.isTypeReferenceNode(parent) ||
    ts.isTypeQueryNode(parent) ||
    ts.isExpressionWithTypeArguments(parent) ||
    ts.isQualifiedName(parent) ||
    ts.isTypeOfExpression(parent)
  );
}

/** Every SDK call in the `.ts` files under `dir`, with paths relative to `root`. */
export function sdkCallsUnder(dir: string, root: string): { calls: SdkCall[]; problems: string[] } {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .sort();
  const found = files.map((name) => sdkCallsIn(relative(root, join(dir, name)), readFileSync(join(dir, name), 'utf8')));
  return { calls: found.flatMap((f) => f.calls), problems: found.flatMap((f) => f.problems) };
}
