// Entry of dist/npskit-hosted.js: the script of the collector's hosted survey page (`/s/<token>`).
// It swaps the page's HTML form for the widget's own UI chunk and reports what the person does.
import { runHostedPage } from './run.js';

void runHostedPage(document);
