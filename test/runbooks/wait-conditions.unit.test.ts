import { describe, expect, it } from 'vitest';
import { StationConfig } from '../../src/config/station-config.js';
import type { IcecastOperations, IcecastStats } from '../../src/integrations/icecast/icecast-operations.js';
import type { Integrations } from '../../src/integrations/integrations.js';
import type { ChannelDirectory } from '../../src/station/channel-directory.js';
import { WAIT_CONDITIONS } from '../../src/runbooks/wait-conditions.js';
import { UserError } from '../../src/pipeline/user-error.js';
import { memoryAuditLog } from '../support/fakes.js';

const yamlChannels = StationConfig.parse({ channels: [{ slug: 'rap' }] }).channels;

/** The channel list before (`rap` only) and after `channel add electro` (`electro` on `/electro.mp3`). */
function world() {
  const state = { added: false, mounts: ['/rap.mp3'] };
  const channels: ChannelDirectory = {
    list: async () => ({
      channels: [
        { ...yamlChannels[0]!, inStationChannels: true },
        ...(state.added
          ? [{ ...yamlChannels[0]!, slug: 'electro', mount: '/electro.mp3', inStationChannels: false }]
          : []),
      ],
      source: 'radio_channels',
      checkedAt: new Date(0),
      notInRadioChannels: [],
      problems: [],
    }),
  };
  const stats = async (): Promise<IcecastStats> => ({
    serverId: 'Icecast 2.4.4',
    api: '2.4',
    endpoint: '/admin/stats',
    mounts: state.mounts.map((mount) => ({ mount, listeners: 2, listenerPeak: 3 })),
  });
  const integrations: Integrations = {
    audit: memoryAuditLog(),
    channels,
    icecast: { stats } as Partial<IcecastOperations> as IcecastOperations,
  };
  const context = { integrations, signal: new AbortController().signal, runRead: async () => undefined };
  return { state, check: () => WAIT_CONDITIONS['on-air']!.check(['electro'], context) };
}

describe('the on-air wait', () => {
  it('holds once Icecast lists the channel’s mount, saying what is true meanwhile', async () => {
    const { state, check } = world();
    expect(await check()).toEqual({ done: false, state: 'not in the channel list yet' });
    state.added = true;
    expect(await check()).toEqual({ done: false, state: '/electro.mp3 is not on air' });
    state.mounts.push('/electro.mp3');
    expect(await check()).toEqual({ done: true, state: 'on air at /electro.mp3 (2 listeners)' });
  });
});

describe('the generic wait', () => {
  it('holds once the read command succeeds; its refusal is the state meanwhile', async () => {
    let ready = false;
    const context = {
      integrations: { audit: memoryAuditLog() },
      signal: new AbortController().signal,
      runRead: async () => {
        if (!ready) throw new UserError('precondition', 'not yet');
      },
    };
    expect(await WAIT_CONDITIONS.until!.check(['db', 'status'], context)).toEqual({ done: false, state: 'not yet' });
    ready = true;
    expect(await WAIT_CONDITIONS.until!.check(['db', 'status'], context)).toEqual({
      done: true,
      state: 'it succeeded',
    });
  });
});
