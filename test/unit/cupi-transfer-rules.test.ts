import { describe, expect, it } from 'vitest';
import { SUPERVISED_TRANSFER_FIELDS, TRANSFER_RULE_FIELDS, TRANSFER_RULE_FORM_FIELDS, supervisedOptionsUnavailable, validateTransferRuleFields } from '../../shared/domain/cupi-fields';

describe('transfer rule fields', () => {
  it('offers announce, introduce, confirm and screening only for a supervised transfer to an extension, saying why otherwise', () => {
    expect(SUPERVISED_TRANSFER_FIELDS.map((f) => f.name)).toEqual(['TransferRings', 'TransferAnnounce', 'TransferIntroduce', 'TransferConfirm', 'TransferScreening']);
    expect(supervisedOptionsUnavailable({ Action: '1', TransferType: '1' })).toBeNull();
    expect(supervisedOptionsUnavailable({ Action: '1', TransferType: '0' })).toMatch(/Only for “Supervise transfer”: with “Release to switch” the phone system takes the call over/);
    expect(supervisedOptionsUnavailable({ Action: '0', TransferType: '1' })).toMatch(/sends callers to the greeting/);
  });

  it('every field of the form may be written, and every switch is a yes/no', () => {
    for (const field of TRANSFER_RULE_FORM_FIELDS) expect(TRANSFER_RULE_FIELDS).toContain(field.name);
    for (const name of ['TransferAnnounce', 'TransferIntroduce', 'TransferConfirm', 'TransferScreening', 'PlayTransferPrompt']) {
      expect(TRANSFER_RULE_FORM_FIELDS.find((f) => f.name === name)?.kind).toBe('bool');
    }
  });

  it('refuses what Unity Connection would: switches other than true/false, types other than 0/1, rings outside 2–20', () => {
    expect(validateTransferRuleFields({ TransferAnnounce: 'true', TransferConfirm: 'false', TransferType: '1', Action: '0', TransferRings: '20', Extension: '+44#12' })).toEqual([]);
    const fields = (values: Record<string, string>) => validateTransferRuleFields(values).map((e) => e.field);
    expect(fields({ TransferScreening: 'yes' })).toEqual(['TransferScreening']);
    expect(fields({ TransferIntroduce: '1' })).toEqual(['TransferIntroduce']);
    expect(fields({ TransferType: '2' })).toEqual(['TransferType']);
    expect(fields({ Action: '' })).toEqual(['Action']);
    expect(fields({ TransferRings: '1' })).toEqual(['TransferRings']);
    expect(fields({ TransferRings: '21' })).toEqual(['TransferRings']);
    expect(fields({ TransferRings: 'five' })).toEqual(['TransferRings']);
    expect(fields({ Extension: '12a' })).toEqual(['Extension']);
    // Fields the form does not show are judged elsewhere (the service's list of writable fields).
    expect(fields({ RnaAction: 'x' })).toEqual([]);
  });
});
