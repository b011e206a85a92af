import { describe, expect, it } from 'vitest';
import { PerSite } from '../../electron/services/site/per-site';
import { SiteManager, type ActiveSite } from '../../electron/services/site/site-manager';
import { createLogger } from '../../electron/services/log/logger';

function siteNamed(name: string, configured: boolean): ActiveSite {
  const log = createLogger('per-site-test');
  return { profile: { id: name, name, ...(configured ? { reports: { url: 'ws://127.0.0.1:1/', agentId: 'x', passwordSet: false, headerNames: [] } } : {}) }, secrets: {}, dir: '/nonexistent', log } as unknown as ActiveSite;
}

class Recorder {
  readonly calls: string[] = [];
  constructor(readonly site: string) {}
  start() {
    this.calls.push('start');
  }
  stop() {
    this.calls.push('stop');
  }
}

describe('PerSite', () => {
  it('builds one service per active site, announces it before starting it, and stops it when the site is left', async () => {
    const sites = new SiteManager(createLogger('per-site-test'));
    const built: Recorder[] = [];
    const holder = new PerSite(sites, 'Reports', (site) => {
      if (!site.profile.reports) return null;
      const service = new Recorder(site.profile.name);
      built.push(service);
      return service;
    });
    const seen: string[] = [];
    holder.on('started', (service) => seen.push(`started ${service.site} after ${service.calls.length} calls`));
    holder.on('absent', (site) => seen.push(`absent ${site.profile.name}`));
    holder.on('stopped', () => seen.push('stopped'));

    expect(holder.current).toBeNull();
    expect(() => holder.require()).toThrow('Reports is not configured in the active profile.');

    await sites.activate(siteNamed('north', true));
    await Promise.resolve();
    expect(holder.current?.site).toBe('north');
    expect(built[0]!.calls).toEqual(['start']);

    await sites.activate(siteNamed('south', false));
    expect(built[0]!.calls).toEqual(['start', 'stop']);
    expect(holder.current).toBeNull();

    await sites.shutdown();
    expect(seen).toEqual(['started north after 0 calls', 'stopped', 'absent south', 'stopped']);
  });
});
