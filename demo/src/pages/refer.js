import { renderCartBadge } from '../shop/header.js';

renderCartBadge();
