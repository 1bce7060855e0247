import { createViews } from '../../src/platform/views/render.ts';

const views = createViews();

/** Markup without whitespace next to tags (insignificant in the components compared), other runs made one space. */
export const normaliseMarkup = (html: string) =>
  html.replace(/>\s+/g, '>').replace(/\s+</g, '<').replace(/\s+/g, ' ').replace(/ >/g, '>').trim();

/** What a design-system macro renders for these parameters: the markup our code-written components must match. */
export const renderMacro = (from: string, name: string, params: unknown) =>
  views.renderString(`{% from "${from}" import ${name} %}{{ ${name}(params) }}`, { params });
