// The load baseline for one-shot commands: import Bolt, build an App with the HTTPReceiver radio-ops uses,
// and exit without listening (what a CLI built on Bolt pays before doing anything).
import { App, HTTPReceiver, LogLevel } from '@slack/bolt';

const receiver = new HTTPReceiver({ signingSecret: 'bench-signing-secret-0123456789', endpoints: ['/slack/events'] });
new App({ receiver, authorize: async () => ({ botToken: 'xoxb-bench-token' }), logLevel: LogLevel.WARN });
