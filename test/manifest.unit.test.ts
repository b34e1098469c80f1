// manifest.yml must create a working app in one paste, and ask for exactly the bot scopes the code needs:
// the scopes are derived from the Slack Web API methods called under src/, never listed by hand here.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SRC = join(ROOT, 'src');

/** The bot scope each Web API method needs (https://api.slack.com/methods/<method>); [] = none. */
const SCOPES: Readonly<Record<string, readonly string[]>> = {
  'auth.test': [],
  'chat.postMessage': ['chat:write'],
  'chat.postEphemeral': ['chat:write'],
  'chat.update': ['chat:write'],
  'chat.delete': ['chat:write'],
  'chat.getPermalink': [],
  'conversations.info': ['channels:read'], // public channels; private ones would add groups:read
  'conversations.members': ['channels:read'],
  'conversations.replies': ['channels:history'],
  'reactions.add': ['reactions:write'],
  'reactions.remove': ['reactions:write'],
  'team.info': ['team:read'],
  'usergroups.list': ['usergroups:read'],
  'usergroups.users.list': ['usergroups:read'],
  'users.info': ['users:read'],
  'views.open': [],
  'views.push': [],
  'views.update': [],
};

/** Top-level method families of the Web API (`client.<family>.…`), to tell Slack calls from other clients. */
const FAMILIES = new Set([
  'admin',
  'api',
  'apps',
  'assistant',
  'auth',
  'bookmarks',
  'bots',
  'calls',
  'canvases',
  'chat',
  'conversations',
  'dialog',
  'dnd',
  'emoji',
  'files',
  'functions',
  'migration',
  'oauth',
  'openid',
  'pins',
  'reactions',
  'reminders',
  'rtm',
  'search',
  'stars',
  'team',
  'tooling',
  'usergroups',
  'users',
  'views',
  'workflows',
]);

const Manifest = z.object({
  features: z.object({
    slash_commands: z.array(
      z.object({ command: z.string(), url: z.string(), usage_hint: z.string(), should_escape: z.boolean() }),
    ),
  }),
  oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string()) }) }),
  settings: z.object({
    interactivity: z.object({ is_enabled: z.boolean(), request_url: z.string() }),
    socket_mode_enabled: z.boolean(),
  }),
});

interface WebApiCall {
  method: string;
  /** `path:line` of the call, for the failure message. */
  at: string;
}

/** `a.b.c` for a chain of property accesses on an identifier (or `this`), else undefined. */
function chainOf(node: ts.Expression): string[] | undefined {
  if (ts.isIdentifier(node)) return [node.text];
  if (node.kind === ts.SyntaxKind.ThisKeyword) return ['this'];
  if (ts.isPropertyAccessExpression(node)) {
    const left = chainOf(node.expression);
    return left && [...left, node.name.text];
  }
  if (ts.isNonNullExpression(node) || ts.isParenthesizedExpression(node)) return chainOf(node.expression);
  return undefined;
}

/**
 * The Web API methods a source file calls: `client.<family>.<method>(…)` on any receiver named
 * `client` or `…Client`, `.apiCall('<family>.<method>', …)`, and Bolt's `say(…)` (chat.postMessage).
 */
function webApiCalls(file: string): WebApiCall[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const calls: WebApiCall[] = [];
  const at = (node: ts.Node) =>
    `${relative(ROOT, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node)) {
      const chain = chainOf(node.expression) ?? [];
      const i = chain.findIndex(
        (name, k) => /client$/i.test(name) && FAMILIES.has(chain[k + 1] ?? '') && k + 2 < chain.length,
      );
      if (i >= 0) calls.push({ method: chain.slice(i + 1).join('.'), at: at(node) });
      const [first] = node.arguments;
      if (chain.at(-1) === 'apiCall' && first && ts.isStringLiteralLike(first))
        calls.push({ method: first.text, at: at(node) });
      if (chain.length === 1 && chain[0] === 'say') calls.push({ method: 'chat.postMessage', at: at(node) });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(SRC, name))
    .sort();
}

const manifest = Manifest.parse(parse(readFileSync(join(ROOT, 'manifest.yml'), 'utf8')));
const calls = sourceFiles().flatMap(webApiCalls);

describe('manifest.yml', () => {
  it('declares /radio with escaped mentions, interactivity on and Socket Mode off', () => {
    const radio = manifest.features.slash_commands.find((command) => command.command === '/radio');
    expect(radio?.should_escape).toBe(true);
    expect(radio?.usage_hint).not.toBe('');
    expect(radio?.url).toMatch(/^https:\/\/.+\/slack\/events$/);
    expect(manifest.settings.interactivity).toEqual({ is_enabled: true, request_url: radio?.url });
    expect(manifest.settings.socket_mode_enabled).toBe(false);
  });

  it('knows the bot scope of every Slack Web API method src/ calls', () => {
    const unknown = calls.filter(({ method }) => !(method in SCOPES));
    const advice = unknown.map(
      ({ method, at }) =>
        `${at} calls Slack's ${method}: look up its bot scope at https://api.slack.com/methods/${method}, ` +
        `add '${method}' to SCOPES in test/manifest.unit.test.ts, and the scope to oauth_config.scopes.bot in manifest.yml`,
    );
    expect(advice, advice.join('\n')).toEqual([]);
  });

  it('asks for exactly the bot scopes those methods need, plus commands', () => {
    const neededBy = new Map<string, string[]>([['commands', ['the /radio slash command']]]);
    for (const { method, at } of calls) {
      for (const scope of SCOPES[method] ?? [])
        neededBy.set(scope, [...(neededBy.get(scope) ?? []), `${method} (${at})`]);
    }
    const granted = new Set(manifest.oauth_config.scopes.bot);
    const problems = [
      ...[...neededBy]
        .filter(([scope]) => !granted.has(scope))
        .map(
          ([scope, users]) =>
            `add '${scope}' to oauth_config.scopes.bot in manifest.yml: needed by ${users.join(', ')}`,
        ),
      ...[...granted]
        .filter((scope) => !neededBy.has(scope))
        .map(
          (scope) =>
            `remove '${scope}' from oauth_config.scopes.bot in manifest.yml: no Web API call under src/ needs it`,
        ),
    ];
    expect(problems, problems.join('\n')).toEqual([]);
  });
});
