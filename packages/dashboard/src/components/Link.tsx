import type { ComponentChildren } from 'preact';
import { onLinkClick } from '../state/location.js';

/** An in-app link: a real `<a href>` (shareable, opens in a new tab) that navigates in place. */
export function Link(props: {
  href: string;
  children: ComponentChildren;
  class?: string;
  current?: boolean;
  label?: string;
}) {
  return (
    <a
      href={props.href}
      class={props.class}
      onClick={onLinkClick}
      aria-current={props.current ? 'page' : undefined}
      aria-label={props.label}
    >
      {props.children}
    </a>
  );
}
