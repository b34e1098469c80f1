import {
  DescribeInstancesCommand,
  ModifyInstanceAttributeCommand,
  StartInstancesCommand,
  StopInstancesCommand,
  type Instance,
} from '@aws-sdk/client-ec2';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHostWatchers, type OnAirReaders } from '../../src/integrations/host/host-watchers.js';
import type { IcecastStats } from '../../src/integrations/icecast/icecast-operations.js';
import { HOST_ID, hostInstance } from '../support/host-fixtures.js';
import { watchedHost } from '../support/host-watcher-fixture.js';

const m = watchedHost();
const { audited, followUp, writes } = m;
const TARGET = `${HOST_ID} t3.large`;
beforeEach(() => {
  m.ec2Mock.on(StopInstancesCommand).resolves({});
  m.ec2Mock.on(ModifyInstanceAttributeCommand).resolves({});
  m.ec2Mock.on(StartInstancesCommand).resolves({});
});

const isNow = (overrides: Partial<Instance>) =>
  m.ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [hostInstance(overrides)] }] });

describe('the host-resize watcher', () => {
  it('stops, changes the type, starts, then is done, one audited write per step, each decided from what EC2 reports', async () => {
    // A new watcher for every look: nothing is remembered between them, as after a restart.
    const look = () => createHostWatchers(m.host)['host-resize'](TARGET, followUp);
    isNow({ State: { Name: 'running' } });
    expect(await look()).toEqual({ state: 'running, t3.medium: StopInstances sent', done: false });
    isNow({ State: { Name: 'stopping' } });
    expect(await look()).toEqual({ state: 'stopping, t3.medium', done: false });
    isNow({ State: { Name: 'stopped' } });
    expect(await look()).toEqual({ state: 'stopped, t3.medium: ModifyInstanceAttribute sent', done: false });
    isNow({ State: { Name: 'stopped' }, InstanceType: 't3.large' });
    expect(await look()).toEqual({ state: 'stopped, t3.large: StartInstances sent', done: false });
    isNow({ State: { Name: 'pending' }, InstanceType: 't3.large' });
    expect(await look()).toEqual({ state: 'pending, t3.large', done: false });
    isNow({ State: { Name: 'running' }, InstanceType: 't3.large' });
    expect(await look()).toEqual({
      state: 'running, t3.large',
      done: true,
      detail: 'resized and running; on air not checked: Icecast or the channel list is not set up in this process',
    });

    expect(m.ec2Mock.commandCalls(DescribeInstancesCommand)[0]?.args[0].input).toEqual({ InstanceIds: [HOST_ID] });
    expect(writes()).toEqual([
      ['StopInstancesCommand', { InstanceIds: [HOST_ID] }],
      ['ModifyInstanceAttributeCommand', { InstanceId: HOST_ID, InstanceType: { Value: 't3.large' } }],
      ['StartInstancesCommand', { InstanceIds: [HOST_ID] }],
    ]);
    expect(audited.map((step) => step.operation)).toEqual([
      'StopInstances',
      'ModifyInstanceAttribute',
      'StartInstances',
    ]);
  });

  it('fails when the instance is gone or terminated', async () => {
    m.ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    expect(await createHostWatchers(m.host)['host-resize'](TARGET, followUp)).toEqual({
      state: 'not found',
      done: false,
      failed: true,
    });
    expect(writes()).toEqual([]);
  });

  describe('after the start, the on-air check', () => {
    let onAir: string[] = [];
    let statsFail = false;
    const station: OnAirReaders = {
      icecast: {
        stats: async () => {
          if (statsFail) throw new Error('connect ECONNREFUSED 10.0.0.5:8000');
          return { mounts: onAir.map((mount) => ({ mount })) } as unknown as IcecastStats;
        },
      },
      channels: {
        list: async () =>
          ({
            channels: [
              { slug: 'rap', mount: '/rap.mp3' },
              { slug: 'jazz', mount: '/jazz.ogg' },
            ],
          }) as never,
      },
    };
    const look = () => createHostWatchers(m.host, station)['host-resize'](TARGET, followUp);
    beforeEach(() => {
      onAir = [];
      statsFail = false;
      isNow({ State: { Name: 'running' }, InstanceType: 't3.large' });
    });

    it('is done only once every channel is on air again, naming those still off air until then', async () => {
      statsFail = true;
      expect(await look()).toEqual({
        state: 'running, t3.large: waiting for the mounts (Icecast: connect ECONNREFUSED 10.0.0.5:8000)',
        done: false,
      });
      statsFail = false;
      onAir = ['/rap.mp3'];
      expect(await look()).toEqual({
        state: 'running, t3.large: waiting for the mounts; not on air: jazz (/jazz.ogg)',
        done: false,
      });
      onAir = ['/rap.mp3', '/jazz.ogg'];
      expect(await look()).toEqual({
        state: 'running, t3.large',
        done: true,
        detail: 'resized, running and on air: rap (/rap.mp3), jazz (/jazz.ogg)',
      });
      expect(writes()).toEqual([]);
    });

    it('says it was not checked where Icecast or the channel list is not set up', async () => {
      expect(await createHostWatchers(m.host)['host-resize'](TARGET, followUp)).toEqual({
        state: 'running, t3.large',
        done: true,
        detail: 'resized and running; on air not checked: Icecast or the channel list is not set up in this process',
      });
    });
  });
});
