import type { SqlRunner } from './sql';
import { toGlobalId } from '../../src/global-id';

export const DASHBOARD_PAGE = 50;

/** The dashboard query the scenario sends to Jalin. The baseline answers it with the same JSON. */
export const DASHBOARD_QUERY = `query Dashboard($first: Int!) {
  agreements(first: $first) {
    totalCount
    edges {
      node {
        id title status
        partnerCity { name region country { code name } }
        activities { id title scope benefit output decision position version opd { code name } }
      }
    }
  }
}`;

/**
 * The least SQL that yields the dashboard page: the total, the page joined to its partner cities and
 * countries, and the page's activities joined to their OPDs. Three statements whatever the page size.
 */
export async function dashboardBaseline(db: SqlRunner, first: number, count: () => void): Promise<unknown> {
  count();
  const [{ n }] = await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM `agreement` WHERE `archivedAt` IS NULL');
  count();
  const page = await db.query<{ id: number; title: string; status: string; cityName: string; region: string; code: string; countryName: string }>(
    'SELECT a.`id`, a.`title`, a.`status`, p.`name` AS cityName, p.`region`, c.`code`, c.`name` AS countryName ' +
      'FROM `agreement` a JOIN `partner_city` p ON p.`id` = a.`partnerCityId` JOIN `country` c ON c.`code` = p.`countryCode` ' +
      'WHERE a.`archivedAt` IS NULL ORDER BY a.`id` LIMIT ?',
    [first],
  );
  const activities = new Map<number, unknown[]>(page.map((a) => [Number(a.id), []]));
  if (page.length) {
    count();
    const rows = await db.query<{
      id: number;
      agreementId: number;
      title: string;
      scope: string;
      benefit: string;
      output: string;
      decision: string;
      position: string;
      version: number;
      opdCode: string;
      opdName: string;
    }>(
      'SELECT d.`id`, d.`agreementId`, d.`title`, d.`scope`, d.`benefit`, d.`output`, d.`decision`, d.`position`, d.`version`, o.`code` AS opdCode, o.`name` AS opdName ' +
        'FROM `draft_activity` d JOIN `opd` o ON o.`id` = d.`opdId` ' +
        `WHERE d.\`agreementId\` IN (${page.map(() => '?').join(', ')}) AND d.\`removedAt\` IS NULL ORDER BY d.\`agreementId\`, d.\`position\`, d.\`id\``,
      page.map((a) => a.id),
    );
    for (const r of rows) {
      activities.get(Number(r.agreementId))!.push({
        id: toGlobalId('DraftActivity', r.id),
        title: r.title,
        scope: r.scope,
        benefit: r.benefit,
        output: r.output,
        decision: r.decision,
        position: r.position,
        version: Number(r.version),
        opd: { code: r.opdCode, name: r.opdName },
      });
    }
  }
  return {
    data: {
      agreements: {
        totalCount: Number(n),
        edges: page.map((a) => ({
          node: {
            id: toGlobalId('Agreement', a.id),
            title: a.title,
            status: a.status,
            partnerCity: { name: a.cityName, region: a.region, country: { code: a.code, name: a.countryName } },
            activities: activities.get(Number(a.id)),
          },
        })),
      },
    },
  };
}
