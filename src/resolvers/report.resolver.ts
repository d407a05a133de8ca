import { Arg, Authorized, Ctx, Query, Resolver } from 'type-graphql';
import type { Context } from '../context';
import { ReportFilter } from './inputs/report-filter.input';
import { CooperationReport } from './report.types';
import { parseId } from './ids';

/** Turns the GraphQL (or CSV query) filter into the service's values: ids become numbers. */
export function reportFilterValues(filter: ReportFilter | undefined) {
  return { ...filter, opdIds: filter?.opdIds?.map((id) => parseId(id, 'opdIds')) };
}

@Authorized()
@Resolver()
export class ReportResolver {
  @Query(() => CooperationReport, { description: 'Figures across partner countries: agreements, activities, MoUs, pipeline timing. Any signed-in user.' })
  cooperationReport(@Ctx() ctx: Context, @Arg('filter', () => ReportFilter, { nullable: true, description: 'Which agreements to count; all (not archived) when left out' }) filter?: ReportFilter): Promise<CooperationReport> {
    return ctx.services.reports.cooperationReport(reportFilterValues(filter));
  }
}
