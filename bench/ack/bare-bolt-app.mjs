// The ack baseline: a bare Bolt app (App + HTTPReceiver, the receiver radio-ops uses) with the same
// signing secret and the same fixed authorization, whose /radio listener only acks. Plain JavaScript run
// by plain `node`, like the compiled server, so neither side pays for a TypeScript loader.
// `GET /readyz` (a custom route) answers 200 once it listens, for the start-time comparison.
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const receiver = new HTTPReceiver({
  signingSecret: process.env.SLACK_SIGNING_SECRET ?? '',
  endpoints: ['/slack/events'],
  customRoutes: [
    {
      path: '/readyz',
      method: ['GET'],
      handler: (_request, response) => response.writeHead(200).end('{"status":"ready"}'),
    },
  ],
});
const app = new App({ receiver, authorize: async () => ({ botToken: 'xoxb-bench-token' }), logLevel: LogLevel.WARN });
app.command('/radio', async ({ ack }) => {
  await ack();
});
await app.start({ port: Number(process.env.PORT), host: '127.0.0.1' });
process.once('SIGTERM', () => void app.stop().then(() => process.exit(0)));
