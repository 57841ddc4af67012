// Entry of the UI chunk (dist/npskit-ui.js, and the ESM build's lazy chunk): the UiModule, and
// `mount` for the collector's hosted survey page (npskit-hosted.js), which renders the same card.
export { mount } from './mount.js';
export { present } from './present.js';
