import { problemOf } from '../api.js';
import { barChart } from '../chart.js';
import { h, replace } from '../dom.js';
import { every, type View } from '../view.js';

const REFRESH_MS = 3_000;

/** Analytics: the top toys overall and in one country, and letters per country, as charts. */
export const analyticsView: View = (element, { api }) => {
  const status = h('p', { class: 'status', role: 'status' }, 'Reading the analytics…');
  const overall = h('figure', { class: 'figure' });
  const countries = h('figure', { class: 'figure' });
  const perCountry = h('figure', { class: 'figure' });
  const select = h('select', { id: 'country' }, h('option', { value: '' }, 'choose a country'));
  select.addEventListener('change', () => void refresh());
  replace(
    element,
    h('h1', {}, 'Analytics'),
    status,
    h('section', { 'aria-labelledby': 'top-toys' }, h('h2', { id: 'top-toys' }, 'Top toys'), overall),
    h('section', { 'aria-labelledby': 'countries' }, h('h2', { id: 'countries' }, 'Countries'), countries),
    h(
      'section',
      { 'aria-labelledby': 'per-country' },
      h('h2', { id: 'per-country' }, 'Top toys in one country'),
      h('p', {}, h('label', { for: 'country' }, 'Country '), select),
      perCountry,
    ),
  );

  const refresh = async () => {
    const country = select.value;
    const [top, summary, local] = await Promise.all([
      api.GET('/analytics/toys/top', { params: { query: { limit: '10' } } }),
      api.GET('/analytics/summary'),
      country ? api.GET('/analytics/toys/top', { params: { query: { limit: '10', country } } }) : Promise.resolve(undefined),
    ]);
    if (!top.data || !summary.data) {
      status.textContent = `The analytics could not be read (${problemOf(top.error ?? summary.error, top.data ? summary.response : top.response)}).`;
      return;
    }
    const { letters, children } = summary.data;
    status.textContent = `${letters.active} active letters from ${children} children; updated at ${new Date().toLocaleTimeString('en-GB')}.`;
    replace(overall, barChart('Top toys by quantity', top.data.items.map((toy) => ({ label: toy.toy, value: toy.quantity }))), h('figcaption', {}, 'Quantity wished for, over all active letters'));
    replace(
      countries,
      barChart('Letters per country', summary.data.countries.map((entry) => ({ label: entry.country, value: entry.letters }))),
      h('figcaption', {}, 'Active letters per country'),
    );
    const known = summary.data.countries.map((entry) => entry.country);
    const options = [...select.options].map((option) => option.value).filter(Boolean);
    if (known.join() !== options.join()) {
      replace(select, h('option', { value: '' }, 'choose a country'), ...known.map((code) => h('option', { value: code, selected: code === country }, code)));
    }
    if (local?.data) {
      replace(perCountry, barChart(`Top toys in ${country}`, local.data.items.map((toy) => ({ label: toy.toy, value: toy.quantity }))), h('figcaption', {}, `Quantity wished for in ${country}`));
    } else replace(perCountry);
  };
  return every(REFRESH_MS, refresh);
};
