import { code, note, type Reply, type ThreadOutput } from '../pipeline/reply.js';
import { slackCost } from './text-fitting.js';

/** Lines of the output the answer shows above its thread: the first few and the newest few. */
const EXCERPT = { head: 3, tail: 5 } as const;

/**
 * Characters (as Slack counts them, {@link slackCost}) of output per thread message: with the code fences and
 * the blocks' JSON it stays under Slack's ~10,000 per message, so the renderer never cuts a thread message.
 */
const THREAD_MESSAGE_COST = 7_500;

/** Thread messages one answer may post; the output of one command is far smaller (`host logs` keeps 20,000 characters). */
const MAX_THREAD_MESSAGES = 10;

/** Characters of output shown inline where no thread can be posted: the newest lines, with room for the answer. */
const INLINE_COST = 6_000;

const plural = (count: number, noun: string) => `${count} ${noun}`;
const withoutThread = ({ thread: _thread, ...reply }: Reply): Reply => reply;

/**
 * The main answer when its output is posted in its thread: the reply's own parts, the first and newest
 * lines of the output with the count of those between, and where the rest is. Pure.
 */
export function replyPointingToThread(reply: Reply): Reply {
  const { thread } = reply;
  if (!thread || thread.lines.length === 0) return withoutThread(reply);
  const { lines, noun } = thread;
  const between = lines.length - EXCERPT.head - EXCERPT.tail;
  const excerpt =
    between > 1 ? [...lines.slice(0, EXCERPT.head), `… ${between} more lines …`, ...lines.slice(-EXCERPT.tail)] : lines;
  return {
    ...withoutThread(reply),
    parts: [...reply.parts, code(excerpt.join('\n')), note(`${plural(lines.length, noun)} in the thread.`)],
  };
}

/**
 * The thread's messages: every line of the output, in order, as code blocks packed into as few messages as
 * {@link THREAD_MESSAGE_COST} allows (at most {@link MAX_THREAD_MESSAGES}; the last says what it left out).
 * Each summary (the notification text) names the lines it holds. Pure.
 */
export function threadMessages(reply: Reply): Reply[] {
  if (!reply.thread) return [];
  const { lines, noun } = reply.thread;
  const chunks: { from: number; lines: string[]; cost: number }[] = [];
  lines.forEach((line, index) => {
    const cost = slackCost(line) + 1;
    const last = chunks.at(-1);
    if (last && last.cost + cost <= THREAD_MESSAGE_COST) {
      last.lines.push(line);
      last.cost += cost;
    } else chunks.push({ from: index, lines: [line], cost });
  });
  const posted = chunks.slice(0, MAX_THREAD_MESSAGES);
  const leftOut = chunks.slice(MAX_THREAD_MESSAGES).reduce((sum, chunk) => sum + chunk.lines.length, 0);
  return posted.map((chunk, index) => ({
    summary: `${noun} ${chunk.from + 1}–${chunk.from + chunk.lines.length} of ${lines.length} (${index + 1}/${posted.length})`,
    visibility: reply.visibility,
    parts: [
      code(chunk.lines.join('\n')),
      ...(leftOut > 0 && index === posted.length - 1
        ? [note(`${plural(leftOut, noun)} more not posted: narrow the request.`, 'warning')]
        : []),
    ],
  }));
}

/**
 * The answer with its output inline, where no thread can be posted (an answer only the asker sees, a channel
 * the bot is not in, a Slack path without threads): the newest lines that fit {@link INLINE_COST} and, when
 * some were left out, a note saying `why` (a sentence, if given) and how many. Pure.
 */
export function replyWithThreadInline(reply: Reply, why?: string): Reply {
  const { thread } = reply;
  if (!thread || thread.lines.length === 0) return withoutThread(reply);
  const { lines, noun } = thread;
  const shown = newestFitting(lines, INLINE_COST);
  const leftOut = lines.length - shown.length;
  return {
    ...withoutThread(reply),
    parts: [
      ...reply.parts,
      code(shown.join('\n')),
      ...(leftOut > 0
        ? [
            note(
              `${why ? `${why} ` : ''}Showing the newest ${shown.length} of ${plural(lines.length, noun)}; ${leftOut} left out.`,
              'warning',
            ),
          ]
        : []),
    ],
  };
}

/** Heading and lines of the thread output for a terminal, which has room for all of it. */
export function threadTerminalLines(thread: ThreadOutput): string[] {
  const title = `All ${plural(thread.lines.length, thread.noun)} (in Slack, in the answer's thread)`;
  return [title, '-'.repeat(title.length), ...thread.lines.map((line) => `    ${line}`)];
}

/** The last lines of `lines` whose cost together (with line breaks) is at most `limit`; at least the newest line. */
function newestFitting(lines: string[], limit: number): string[] {
  let size = 0;
  let first = lines.length;
  while (first > 0) {
    const cost = slackCost(lines[first - 1]!) + 1;
    if (size + cost > limit && first < lines.length) break;
    size += cost;
    first -= 1;
  }
  return lines.slice(first);
}
