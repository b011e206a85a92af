import { act, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeEach } from 'vitest';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

/**
 * A fresh element in the document for each test of the file to render into,
 * unmounted and removed after it. `beforeEachMount` runs after the element is
 * in place (reset stores there). Read `container` inside a test, not at load.
 */
export function reactRoot(beforeEachMount: () => void = () => {}) {
  let container: HTMLDivElement;
  let root: Root;
  beforeEach(() => {
    container = document.createElement('div');
    document.body.append(container);
    root = createRoot(container);
    beforeEachMount();
  });
  afterEach(() => {
    act(() => root.unmount());
    container.remove();
  });
  return {
    get container(): HTMLDivElement {
      return container;
    },
    render(node: ReactNode): void {
      act(() => root.render(node));
    },
  };
}

/** Let pending promises and effects run (a few turns of the event loop inside act). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await act(async () => new Promise((resolve) => setTimeout(resolve, 0)));
}

/** Type a value into a controlled input the way React notices it (the native setter, then an input event). */
export function setValue(input: HTMLInputElement, value: string): void {
  const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!;
  setter.call(input, value);
  input.dispatchEvent(new Event('input', { bubbles: true }));
}
