// Entry of dist/npskit.js, the classic script a page embeds.
import { installLoader } from './embed/install-loader.js';

installLoader();
