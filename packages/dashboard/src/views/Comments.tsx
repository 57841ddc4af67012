import { useEffect, useState } from 'preact/hooks';
import { CommentList } from '../components/CommentList.js';
import { t } from '../i18n/i18n.js';
import { navigate } from '../state/location.js';
import { useView } from '../state/use-view.js';

const CATEGORIES = ['promoter', 'passive', 'detractor'] as const;
type CategoryName = (typeof CATEGORIES)[number];

/** Comments with the view filters, a category filter and a text search (both in the URL). */
export function Comments() {
  const view = useView();
  const q = view.url.searchParams.get('q') ?? '';
  const categoryParam = view.url.searchParams.get('category');
  const category = (CATEGORIES as readonly string[]).includes(categoryParam ?? '')
    ? (categoryParam as CategoryName)
    : undefined;
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);

  const setParam = (name: string, value: string | undefined) => {
    const url = new URL(view.url);
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
    navigate(url.pathname + url.search, { replace: name === 'q' });
  };

  return (
    <div class="view">
      <h1 id="view-title">{t('comments.title')}</h1>
      <search>
        <form
          class="comment-filters"
          onSubmit={(event) => {
            event.preventDefault();
            setParam('q', text.trim() || undefined);
          }}
        >
          <label for="comment-search">{t('comments.search')}</label>
          <input
            id="comment-search"
            type="search"
            value={text}
            maxLength={200}
            onInput={(event) => setText((event.currentTarget as HTMLInputElement).value)}
          />
          <button type="submit">{t('comments.search')}</button>
          <label for="comment-category">{t('comments.category')}</label>
          <select
            id="comment-category"
            value={category ?? ''}
            onChange={(event) =>
              setParam('category', (event.currentTarget as HTMLSelectElement).value || undefined)
            }
          >
            <option value="">{t('filters.all')}</option>
            <option value="promoter">{t('nps.promoters')}</option>
            <option value="passive">{t('nps.passives')}</option>
            <option value="detractor">{t('nps.detractors')}</option>
          </select>
        </form>
      </search>
      <section class="panel" aria-labelledby="view-title">
        <CommentList
          view={view}
          query={{ ...(q ? { q } : {}), ...(category ? { category } : {}), limit: 25 }}
        />
      </section>
    </div>
  );
}
