import {
  DEFAULT_HEAT_MAP_VIEW,
  HeatMapView,
  readHeatMapView,
  writeHeatMapView,
} from './heatMapSearchParams';

const read = (search: string) => readHeatMapView(new URLSearchParams(search));
const write = (view: HeatMapView, search = '') =>
  decodeURIComponent(
    writeHeatMapView(new URLSearchParams(search), view).toString(),
  );

describe('heatMapSearchParams', () => {
  it('reads every part of the view', () => {
    expect(
      read(
        'department=group:default/commerce&checklist=innersource&status=not-started&sort=completion&order=desc&page=3',
      ),
    ).toEqual({
      filters: {
        department: 'group:default/commerce',
        checklistId: 'innersource',
        status: 'not-started',
      },
      sort: { sort: 'completion', order: 'desc' },
      page: 2,
    });
  });

  it('reads a plain URL as the default view', () => {
    expect(read('')).toEqual({
      filters: {
        department: undefined,
        checklistId: undefined,
        status: undefined,
      },
      sort: DEFAULT_HEAT_MAP_VIEW.sort,
      page: 0,
    });
  });

  it('completes a short department ref, as the catalog does', () => {
    expect(read('department=commerce').filters.department).toBe(
      'group:default/commerce',
    );
    expect(read('department=Group:Sales/EMEA').filters.department).toBe(
      'group:sales/emea',
    );
  });

  it.each([
    ['a user is no department', 'department=user:default/jane'],
    ['a broken ref', 'department=group:/x'],
    ['an empty department', 'department='],
    ['an unknown status', 'status=finished'],
    ['a status in the wrong case', 'status=DONE'],
    ['a sort the heat map does not offer', 'sort=title'],
    ['an order without a completion sort', 'order=desc'],
    ['the department sort reversed', 'sort=department&order=desc'],
    ['page 0', 'page=0'],
    ['a negative page', 'page=-2'],
    ['a fractional page', 'page=1.5'],
    ['a page in words', 'page=two'],
    ['a page past any number', `page=${'9'.repeat(30)}`],
    ['an empty checklist', 'checklist='],
  ])('falls back to the default for %s', (_what, search) => {
    const view = read(search);
    expect(view.filters).toEqual({
      department: undefined,
      checklistId: undefined,
      status: undefined,
    });
    expect(view.sort).toEqual(DEFAULT_HEAT_MAP_VIEW.sort);
    expect(view.page).toBe(0);
  });

  it('keeps the valid parts when others are not', () => {
    expect(read('sort=completion&order=sideways&status=nope&page=4')).toEqual(
      expect.objectContaining({
        sort: { sort: 'completion', order: 'asc' },
        page: 3,
      }),
    );
  });

  it('leaves the defaults out of the URL', () => {
    expect(write(DEFAULT_HEAT_MAP_VIEW)).toBe('');
    expect(
      write({
        ...DEFAULT_HEAT_MAP_VIEW,
        sort: { sort: 'completion', order: 'asc' },
      }),
    ).toBe('sort=completion');
  });

  it('writes every part of the view, the page counted from 1', () => {
    expect(
      write({
        filters: {
          department: 'group:default/commerce',
          checklistId: 'innersource',
          status: 'unanswered',
        },
        sort: { sort: 'completion', order: 'desc' },
        page: 1,
      }),
    ).toBe(
      'department=group:default/commerce&checklist=innersource&status=unanswered&sort=completion&order=desc&page=2',
    );
  });

  it("replaces its own parameters and keeps the page's others", () => {
    expect(
      write(
        { ...DEFAULT_HEAT_MAP_VIEW, filters: { status: 'done' } },
        'tab=metrics&status=bogus&page=7&order=desc',
      ),
    ).toBe('tab=metrics&status=done');
  });

  it('reads back what it writes', () => {
    const view: HeatMapView = {
      filters: { department: 'group:default/r&d', checklistId: 'a.b_c-d' },
      sort: { sort: 'completion', order: 'asc' },
      page: 41,
    };
    const params = writeHeatMapView(new URLSearchParams(), view);
    expect(readHeatMapView(new URLSearchParams(params.toString()))).toEqual({
      ...view,
      filters: { ...view.filters, status: undefined },
    });
  });
});
