import { parse } from 'node:querystring';
import { z } from 'zod';

const FORM = 'application/x-www-form-urlencoded';
const Field = z.string().min(1);

/**
 * A slash command as Slack posts it, only the fields radio-ops reads (each exactly once).
 * Source: https://api.slack.com/interactivity/slash-commands#app_command_handling
 */
const SlashCommandForm = z.object({
  command: z.string().startsWith('/'),
  user_id: Field,
  team_id: Field,
  channel_id: Field,
  response_url: z.url(),
  text: z.string().optional(),
  user_name: z.string().optional(),
});

/**
 * An interactivity payload (`block_actions`, `view_submission`, …) or an Events API body: a JSON
 * object with a `type`. Sources: https://api.slack.com/interactivity/handling#payloads,
 * https://api.slack.com/apis/events-api#callback-field
 */
const TypedObject = z.object({ type: Field });

/**
 * What Bolt reads (unchecked) of the payload types radio-ops listens for: who, and which action or
 * view. Other types only need to be a {@link TypedObject}; Bolt answers them itself.
 */
const User = z.object({ id: Field });
const View = z.object({ user: User, view: z.object({ callback_id: z.string() }) });
const PAYLOAD_TYPES: Partial<Record<string, z.ZodType>> = {
  block_actions: z.object({ user: User, actions: z.array(z.object({ action_id: Field })).min(1) }),
  view_submission: View,
  view_closed: View,
};

const problemOf = (result: z.ZodSafeParseResult<unknown>): string | undefined =>
  result.success
    ? undefined
    : result.error.issues.map((issue) => `${issue.path.join('.') || 'body'}: ${issue.message}`).join('; ');

/** A JSON object with a `type`, and the fields radio-ops' listeners need for that type. */
function payloadProblem(value: unknown): string | undefined {
  const typed = TypedObject.safeParse(value);
  if (!typed.success) return problemOf(typed);
  const schema = PAYLOAD_TYPES[typed.data.type];
  return schema && problemOf(schema.safeParse(value));
}

function parseJson(text: string): { value: unknown } | undefined {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return undefined;
  }
}

/** Whether `rawBody` is Slack's unsigned `ssl_check=1` probe, which Bolt answers without a signature. */
export const isSslCheck = (rawBody: string, contentType: string | undefined): boolean =>
  contentType === FORM && parse(rawBody).ssl_check === '1';

/**
 * Why a (correctly signed) `POST /slack/events` body is not one Slack sends, or `undefined` when its
 * shape is one Bolt's receiver can handle. Parses as Bolt does (`HTTPModuleFunctions.parseHTTPRequestBody`):
 * a form (exact content type) whose `payload` is JSON, or a slash-command form; anything else as JSON.
 * Bolt itself dereferences the parsed body unchecked, so `payload=null` would throw inside it.
 */
export function slackBodyProblem(rawBody: string, contentType: string | undefined): string | undefined {
  if (contentType !== FORM) {
    const json = parseJson(rawBody);
    return json ? payloadProblem(json.value) : 'body is not JSON';
  }
  const form = parse(rawBody);
  if (form.payload === undefined) return problemOf(SlashCommandForm.safeParse(form));
  if (typeof form.payload !== 'string') return 'payload: given more than once';
  const json = parseJson(form.payload);
  return json ? payloadProblem(json.value) : 'payload: not JSON';
}
