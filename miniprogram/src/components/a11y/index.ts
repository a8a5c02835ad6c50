// Keyboard and screen readers in the H5 build. Taro draws its components there as custom elements
// (<taro-button-core>, <taro-view-core>): the browser sees neither a button nor anything focusable, so a
// person with a keyboard, a switch device or a screen reader could not reach 提交诉求 at all. Once for
// the whole app: every Taro button becomes a button in the tab order, and Enter or Space on anything
// marked as a control (a button, a chip) taps it, as a click would; the page shown and the tab bar are
// landmarks a screen reader can jump to. In WeChat there is no keyboard; its screen reader reads the
// aria-role and aria-label the components pass on.

/** The roles a custom element takes here to act as a control; a native control answers its keys itself. */
const CONTROL_ROLES = new Set(['button', 'radio', 'checkbox', 'switch', 'link', 'tab']);
const NATIVE_CONTROLS = new Set(['INPUT', 'TEXTAREA', 'SELECT', 'BUTTON', 'A']);

function markButton(button: Element): void {
  if (!button.hasAttribute('role')) button.setAttribute('role', 'button');
  if (!button.hasAttribute('tabindex')) button.setAttribute('tabindex', '0');
}

/** Taro's page containers (one shown at a time, the others hidden) and its tab bar. */
const LANDMARKS: Array<[selector: string, role: string, label?: string]> = [
  ['.taro_page', 'main'],
  ['.weui-tabbar', 'navigation', '底部导航'],
];

function markLandmark(element: Element, role: string, label?: string): void {
  if (element.hasAttribute('role')) return;
  element.setAttribute('role', role);
  if (label) element.setAttribute('aria-label', label);
}

function markAll(root: Element | Document): void {
  if (root instanceof Element && root.tagName === 'TARO-BUTTON-CORE') markButton(root);
  root.querySelectorAll('taro-button-core').forEach(markButton);
  for (const [selector, role, label] of LANDMARKS) {
    if (root instanceof Element && root.matches(selector)) markLandmark(root, role, label);
    root.querySelectorAll(selector).forEach((element) => markLandmark(element, role, label));
  }
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

/** A role and a name: in H5 as the browser's attributes, in WeChat as its aria-role and aria-label. */
function described(role: string, label?: string): A11yProps {
  const props: A11yProps = isH5 ? { role } : { ariaRole: role };
  if (label) props[isH5 ? 'aria-label' : 'ariaLabel'] = label;
  return props;
}

/**
 * What makes a View that is tapped (a photo's ×, + 拍照/选图, a card that opens an appeal) a button: its role and
 * name for screen readers, and in H5 a place in the tab order (the keys are answered by enableH5Accessibility).
 */
export function pressable(label?: string): A11yProps {
  return isH5 ? { ...described('button', label), tabindex: 0 } : described('button', label);
}

/** A group of chips of which one is chosen: a radio group, named by the question it answers. */
export function groupProps(label?: string): A11yProps {
  return described('radiogroup', label);
}

/** One chip of such a group: a radio, checked when chosen; in H5 in the tab order. */
export function choiceProps(checked: boolean): A11yProps {
  return isH5 ? { role: 'radio', 'aria-checked': String(checked), tabindex: 0 } : { ariaRole: 'radio', ariaChecked: String(checked) };
}
