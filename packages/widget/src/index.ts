export {
  consent,
  context,
  identify,
  init,
  on,
  reset,
  show,
  track,
} from './embed/esm-api.js';
export type {
  ContextInput,
  InitOptions,
  NpskitApi,
  StandardContext,
  Traits,
  WidgetEventDetail,
  WidgetEventName,
  WidgetListener,
} from './runtime/api.js';
