import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { ReportFilter } from './inputs/report-filter.input';
import { CooperationReport } from './report.types';
import { parseGlobalId } from '../global-id';

/** Turns the GraphQL (or CSV query) filter into the service's values: global ids become local numbers. */
export function reportFilterValues(filter: ReportFilter | undefined) {
  return { ...filter, opdIds: filter?.opdIds?.map((id, index) => parseGlobalId(id, 'Opd', `opdIds[${index}]`)) };
}

@Authorized()
@Resolver()
export class ReportResolver {
  @Query(() => CooperationReport, { description: 'Figures across partner countries: agreements, activities, MoUs, pipeline timing. Any signed-in user.' })
  cooperationReport(@Ctx() ctx: Context, @Arg('filter', () => ReportFilter, { nullable: true, description: 'Which agreements to count; all (not archived) when left out' }) filter?: ReportFilter): Promise<CooperationReport> {
    return ctx.services.reports.cooperationReport(reportFilterValues(filter));
  }
}
