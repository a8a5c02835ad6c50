// Keyboard and screen readers in the H5 build. Taro draws its components there as custom elements
// (<taro-button-core>, <taro-view-core>): the browser sees neither a button nor anything focusable, so a
// person with a keyboard, a switch device or a screen reader could not reach 提交诉求 at all. Once for
// the whole app: every Taro button becomes a button in the tab order, and Enter or Space on anything
// marked as a control (a button, a chip) taps it, as a click would; the page shown and the tab bar are
// landmarks a screen reader can jump to; Taro's question box (showModal) is a dialog that takes the keyboard
// while it is open, and its toast is read out. H5 only: WeChat has no keyboard, and Taro 4's weapp templates
// carry no aria attribute at all (dist/weapp/base.wxml has none), so there the props below are nothing.

/** The roles a custom element takes here to act as a control; a native control answers its keys itself. */
const CONTROL_ROLES = new Set(['button', 'radio', 'checkbox', 'switch', 'link', 'tab']);
const NATIVE_CONTROLS = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A']);

function markButton(button: Element): void {
  if (!button.hasAttribute('role')) button.setAttribute('role', 'button');
  if (!button.hasAttribute('tabindex')) button.setAttribute('tabindex', '0');
}

/** Taro's page containers (one shown at a time, the others hidden), its tab bar, its toast, its modal's buttons. */
const LANDMARKS: Array<[selector: string, role: string, label?: string]> = [
  ['.taro_page', 'main'],
  ['.weui-tabbar', 'navigation', '底部导航'],
  ['.taro__toast', 'status'],
  ['.taro-model__btn', 'button'],
];

/**
 * Taro's showModal is one <div class="taro__modal">, made on the first call and shown again (display) on the next:
 * while it shows, the keyboard is in it (on 取消 when there is one: the answer that changes nothing), Escape is
 * 取消, and once answered the keyboard goes back to the control that asked.
 */
function watchModal(modal: HTMLElement): void {
  modal.setAttribute('role', 'dialog');
  modal.setAttribute('aria-modal', 'true');
  let opener: HTMLElement | null = null;
  const shown = () => modal.style.display !== 'none';
  const react = () => {
    if (shown() && !opener) {
      opener = (document.activeElement as HTMLElement | null) ?? document.body;
      const title = modal.querySelector('.taro-modal__title')?.textContent;
      if (title) modal.setAttribute('aria-label', title);
      const buttons = [...modal.querySelectorAll<HTMLElement>('.taro-model__btn')].filter((b) => b.style.display !== 'none');
      buttons.forEach((b) => b.setAttribute('tabindex', '0'));
      // Taro's H5 default for the confirming answer is WeChat's green, 2.3:1 on white: the page's blue instead
      // (a colour the call chose stays).
      const confirm = modal.querySelector<HTMLElement>('.taro-model__confirm');
      if (confirm && /^(#3cc51f|rgb\(60, 197, 31\))$/i.test(confirm.style.color)) confirm.style.color = '#0d47a1';
      buttons[0]?.focus();
    } else if (!shown() && opener) {
      if (opener.isConnected) opener.focus();
      opener = null;
    }
  };
  new MutationObserver(react).observe(modal, { attributes: true, attributeFilter: ['style'] });
  react();
  modal.addEventListener('keydown', (event) => {
    const cancel = modal.querySelector<HTMLElement>('.taro-model__cancel');
    if (event.key === 'Escape' && cancel && cancel.style.display !== 'none') cancel.click();
    // Tab stays among its buttons.
    if (event.key === 'Tab') {
      const buttons = [...modal.querySelectorAll<HTMLElement>('.taro-model__btn')].filter((b) => b.style.display !== 'none');
      const at = buttons.indexOf(document.activeElement as HTMLElement);
      event.preventDefault();
      buttons[(at + (event.shiftKey ? buttons.length - 1 : 1)) % buttons.length]?.focus();
    }
  });
}

function markLandmark(element: Element, role: string, label?: string): void {
  if (element.hasAttribute('role')) return;
  element.setAttribute('role', role);
  if (label) element.setAttribute('aria-label', label);
  if (role === 'button') element.setAttribute('tabindex', '0');
  if (role === 'status') element.setAttribute('aria-live', 'polite');
}

function markAll(root: Element | Document): void {
  if (root instanceof Element && root.tagName === 'TARO-BUTTON-CORE') markButton(root);
  root.querySelectorAll('taro-button-core').forEach(markButton);
  for (const [selector, role, label] of LANDMARKS) {
    if (root instanceof Element && root.matches(selector)) markLandmark(root, role, label);
    root.querySelectorAll(selector).forEach((element) => markLandmark(element, role, label));
  }
  const modals = [...(root instanceof HTMLElement && root.matches('.taro__modal') ? [root] : []), ...root.querySelectorAll<HTMLElement>('.taro__modal')];
  for (const modal of modals) if (!modal.hasAttribute('role')) watchModal(modal);
}

/** Taro's Button keeps `disabled` as a property only: said to a screen reader when the button is reached. */
function syncDisabled(element: Element): void {
  if (element.tagName !== 'TARO-BUTTON-CORE') return;
  if ((element as Element & { disabled?: boolean }).disabled) element.setAttribute('aria-disabled', 'true');
  else element.removeAttribute('aria-disabled');
}

function controlOf(event: KeyboardEvent): HTMLElement | null {
  const target = event.target as HTMLElement | null;
  if (!target || NATIVE_CONTROLS.has(target.tagName) || target.isContentEditable) return null;
  return CONTROL_ROLES.has(target.getAttribute('role') ?? '') ? target : null;
}

let enabled = false;

export function enableH5Accessibility(): void {
  if (process.env.TARO_ENV !== 'h5' || enabled || typeof document === 'undefined') return;
  enabled = true;
  markAll(document);
  new MutationObserver((changes) => {
    for (const change of changes) change.addedNodes.forEach((node) => node instanceof Element && markAll(node));
  }).observe(document.documentElement, { childList: true, subtree: true });
  document.addEventListener('focusin', (event) => event.target instanceof Element && syncDisabled(event.target));
  // Enter taps at once, Space when it is let go (as a native button does); Space held down must not scroll the page.
  document.addEventListener('keydown', (event) => {
    const control = controlOf(event);
    if (!control || event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === ' ') event.preventDefault();
    if (event.key === 'Enter' && !event.repeat) {
      event.preventDefault();
      syncDisabled(control);
      control.click();
    }
  });
  document.addEventListener('keyup', (event) => {
    const control = controlOf(event);
    if (!control || event.key !== ' ') return;
    event.preventDefault();
    control.click();
  });
}

type A11yProps = Record<string, string | number>;

const isH5 = process.env.TARO_ENV === 'h5';

/**
 * What makes a View that is tapped (a photo's ×, + 拍照/选图, a card that opens an appeal) a button: its role, its
 * name when its text does not say it (×), and a place in the tab order (the keys are answered by enableH5Accessibility).
 */
export function pressable(label?: string): A11yProps {
  if (!isH5) return {};
  return label ? { role: 'button', tabindex: 0, 'aria-label': label } : { role: 'button', tabindex: 0 };
}

/** A group of chips of which one is chosen: a radio group, named by the question it answers. */
export function groupProps(label?: string): A11yProps {
  if (!isH5) return {};
  return label ? { role: 'radiogroup', 'aria-label': label } : { role: 'radiogroup' };
}

/** One chip of such a group: a radio, checked when chosen, in the tab order. */
export function choiceProps(checked: boolean): A11yProps {
  return isH5 ? { role: 'radio', 'aria-checked': String(checked), tabindex: 0 } : {};
}
