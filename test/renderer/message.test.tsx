import { act } from 'react';
import { createRoot } from 'react-dom/client';
import { describe, expect, it } from 'vitest';
import { applyLanguage } from '../../renderer/src/i18n/i18n';
import { Message } from '../../renderer/src/i18n/Message';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/** Elements inside a sentence land where each language puts them, as elements, with the values around them. */
describe('Message', () => {
  it('puts server data into the sentence as elements, in the order of the active language', async () => {
    const container = document.createElement('div');
    const root = createRoot(container);
    const render = () =>
      root.render(
        <Message
          id="connections.summary.signedIn"
          values={{ system: 'UCCX', password: 'pw' }}
          parts={{ nodes: <b translate="no">ccx-a, ccx-b</b>, user: <i translate="no">admin</i> }}
        />,
      );
    try {
      await act(() => applyLanguage('de'));
      act(render);
      expect(container.innerHTML).toBe('UCCX: <b translate="no">ccx-a, ccx-b</b> als <i translate="no">admin</i> (pw)');
      await act(() => applyLanguage('es'));
      expect(container.textContent).toBe('UCCX: ccx-a, ccx-b como admin (pw)');
      // Parts around a separator, and no marker character left over.
      await act(() => applyLanguage('en'));
      act(() => root.render(<Message id="journey.demo.endedFrom" parts={{ ended: <time>14:05</time>, caller: <span>+1 202</span> }} />));
      expect(container.innerHTML).toBe('<time>14:05</time> · from <span>+1 202</span>');
      expect(container.textContent).not.toMatch(/[\u{E000}\u{E001}]/u);
    } finally {
      await act(() => applyLanguage('en'));
      act(() => root.unmount());
    }
  });
});
