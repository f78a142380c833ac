import { http } from 'msw';
import { acmeWithLogo } from '../profile-fixtures';
import { hang, problem, route, unavailable } from './api';
import { orgHandlers } from './orgs';
import { logoHandlers } from './profile';

const notFound = () => problem(404, 'not_found', 'no such org', { field: 'orgId' });

/** What `<OrgAdminPanel>` needs beyond its tabs' own handlers. */
export const orgAdminHandlers = {
  /**
   * Acme (with its logo file): `GET`/`PATCH /orgs/{orgId}` (saves stick) and the logo routes,
   * what the profile tab loads. Fresh state per call.
   */
  org: () => [...orgHandlers.editable(acmeWithLogo), ...logoHandlers.editable()],
  /** `GET /me/effective?org=…`: 404, as the server answers anyone who is not a member. */
  notMember: [http.get(route('/me/effective'), notFound)],
  /** Neither a member nor platform staff: the org itself answers 404 too. */
  outsider: [
    http.get(route('/me/effective'), notFound),
    http.get(route('/orgs/{orgId}'), notFound),
  ],
  loading: [http.get(route('/orgs/{orgId}'), hang)],
  error: [http.get(route('/orgs/{orgId}'), unavailable)],
};
