import { render } from 'preact';
import { adoptStyles } from './adopt-styles.js';
import type { MountProps, UiHandle } from './contract.js';
import { Survey } from './Survey.js';
import { CSS } from './styles.js';
import { themeCss } from './theme.js';

/**
 * Entry of the UI chunk (`npskit-ui.js`): appends `<div data-npskit-host>` to `<body>` (or to
 * `props.container`, in the page's flow) with an open shadow root and renders the survey in it.
 * Nothing is focused on mount: the customer may be typing.
 */
export function mount(props: MountProps): UiHandle {
  const host = document.createElement('div');
  host.setAttribute('data-npskit-host', '');
  const shadow = host.attachShadow({ mode: 'open' });
  adoptStyles(shadow, CSS + themeCss(props.survey.theme), props.nonce);
  // Render into a child, not the shadow root itself: render() would remove a fallback <style>.
  const wrap = document.createElement('div');
  wrap.className = props.container ? 'wrap inline' : 'wrap';
  shadow.append(wrap);
  (props.container ?? document.body).append(host);
  render(<Survey {...props} />, wrap);
  return {
    unmount() {
      render(null, wrap);
      host.remove();
    },
  };
}
