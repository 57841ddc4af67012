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
  WidgetEventDetail,
  WidgetEventName,
  WidgetListener,
} from './runtime/api.js';
