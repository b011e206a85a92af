import { describe, expect, it } from 'vitest';
import type { SiteProfile } from '../../shared/domain/profile';
import { draftFrom, toProfileInput } from '../../renderer/src/features/connections/ProfileEditor';

describe('the profile editor keeps the nodes’ names from the profile file', () => {
  const profile: SiteProfile = {
    id: 'p',
    name: 'Head office',
    uccx: { nodes: ['https://10.1.20.5', 'https://10.1.20.6'], nodeLabels: ['ccx-a', 'ccx-b'], username: 'admin', passwordSet: true },
    cupi: { publisher: 'https://cuc-pub.example.com', publisherLabel: 'cuc-pub', username: 'cucadmin', passwordSet: true },
    reports: { url: 'wss://reports.example.com/', label: 'reports', agentId: 'sup01', passwordSet: false, headerNames: [] },
  };

  it('saves them unchanged when the URLs stay', () => {
    const input = toProfileInput(draftFrom(profile), profile);
    expect(input.uccx?.nodeLabels).toEqual(['ccx-a', 'ccx-b']);
    expect(input.cupi?.publisherLabel).toBe('cuc-pub');
    expect(input.reports?.label).toBe('reports');
  });

  it('drops the name of a node whose URL changed', () => {
    const draft = { ...draftFrom(profile), uccxNode2: 'https://10.1.20.7', cupiPublisher: 'https://cuc-new.example.com' };
    const input = toProfileInput(draft, profile);
    expect(input.uccx?.nodeLabels).toEqual(['ccx-a', '10.1.20.7']);
    expect(input.cupi?.publisherLabel).toBeUndefined();
  });
});
