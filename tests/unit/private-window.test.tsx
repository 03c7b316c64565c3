// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { expect, it, vi } from 'vitest';
import { PrivateWindowNotice } from '../../components/library/private-window';

it('the library in a private window says why it is not shown and opens it in a normal window on click', async () => {
  const root = document.createElement('div');
  document.body.append(root);
  const open = vi.fn();
  await act(() => render(<PrivateWindowNotice onOpenNormal={open} />, root));
  expect(root.textContent).toMatch(/private window.*own storage.*erased when the window closes/);
  expect(root.textContent).toMatch(/save from a private window still go to your library/);
  expect(open).not.toHaveBeenCalled();
  await act(() => (root.querySelector('[data-testid=open-normal-library]') as HTMLButtonElement).click());
  expect(open).toHaveBeenCalledTimes(1);
  render(null, root);
  root.remove();
});
