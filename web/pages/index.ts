import type { PageTable } from '../page-routes.js';
import { alertsPage } from './alerts.js';
import { breakdownsPage } from './breakdowns.js';
import { comparePage } from './compare.js';
import { driversPage } from './drivers.js';
import { followupsPage } from './followups.js';
import { journeyPage } from './journey.js';
import { momentsPage } from './moments.js';
import { overviewPage } from './overview.js';
import { searchPage } from './search.js';
import { themePage } from './theme.js';
import { themesPage } from './themes.js';

/** Every page of the dashboard by route. */
export const DASHBOARD_PAGES: PageTable = {
  '/': overviewPage,
  '/themes': themesPage,
  '/themes/:theme': themePage,
  '/drivers': driversPage,
  '/breakdowns': breakdownsPage,
  '/journey': journeyPage,
  '/moments': momentsPage,
  '/followups': followupsPage,
  '/search': searchPage,
  '/compare': comparePage,
  '/alerts': alertsPage,
};
