import { Arg, Authorized, Ctx, ID, Mutation, Resolver } from 'type-graphql';
import { Agreement, AgreementDocument, PartnerCity } from '../entities';
import { actorOf, type AuthedContext } from '../context';
import { REGISTRY_ROLES } from '../services/access-policy';
import { AgreementInput, PartnerCityInput, UpdateAgreementInput, UpdateDocumentInput, UpdatePartnerCityInput } from './inputs/registry.input';
import { parseGlobalId } from '../global-id';

/** Writes to the registry: partner cities, agreements, documents (officers and admins). */
@Authorized(...REGISTRY_ROLES)
@Resolver()
export class RegistryResolver {
  @Mutation(() => PartnerCity, { description: 'Record a partner city abroad. Officers and admins' })
  createPartnerCity(@Ctx() ctx: AuthedContext, @Arg('input', () => PartnerCityInput, { description: 'The partner city' }) input: PartnerCityInput): Promise<PartnerCity> {
    return ctx.services.registry.createPartnerCity(actorOf(ctx), input);
  }

  @Mutation(() => PartnerCity, { description: 'Change a partner city (not an archived one). Officers and admins' })
  updatePartnerCity(
    @Ctx() ctx: AuthedContext,
    @Arg('id', () => ID, { description: 'The opaque global id of the partner city' }) id: string,
    @Arg('input', () => UpdatePartnerCityInput, { description: 'The changes; fields left out stay as they are' }) input: UpdatePartnerCityInput,
  ): Promise<PartnerCity> {
    return ctx.services.registry.updatePartnerCity(actorOf(ctx), parseGlobalId(id, 'PartnerCity', 'id'), input);
  }

  @Mutation(() => PartnerCity, { description: 'Hide a partner city from lists (kept in history); its agreements must be archived first. Officers and admins' })
  archivePartnerCity(@Ctx() ctx: AuthedContext, @Arg('id', () => ID, { description: 'The opaque global id of the partner city' }) id: string): Promise<PartnerCity> {
    return ctx.services.registry.archivePartnerCity(actorOf(ctx), parseGlobalId(id, 'PartnerCity', 'id'));
  }

  @Mutation(() => Agreement, { description: 'Record a new agreement; it starts in EXPLORATION, with that first step in its history. Officers and admins' })
  createAgreement(@Ctx() ctx: AuthedContext, @Arg('input', () => AgreementInput, { description: 'The agreement' }) input: AgreementInput): Promise<Agreement> {
    return ctx.services.registry.createAgreement(actorOf(ctx), { ...input, partnerCityId: parseGlobalId(input.partnerCityId, 'PartnerCity', 'partnerCityId') });
  }

  @Mutation(() => Agreement, { description: 'Change the title, kind, partner city, fields or scope (never the status: the workflow owns it). Officers and admins' })
  updateAgreement(
    @Ctx() ctx: AuthedContext,
    @Arg('id', () => ID, { description: 'The opaque global id of the agreement' }) id: string,
    @Arg('input', () => UpdateAgreementInput, { description: 'The changes; fields left out stay as they are' }) input: UpdateAgreementInput,
  ): Promise<Agreement> {
    const { partnerCityId, ...rest } = input;
    return ctx.services.registry.updateAgreement(actorOf(ctx), parseGlobalId(id, 'Agreement', 'id'), {
      ...rest,
      ...(partnerCityId !== undefined ? { partnerCityId: partnerCityId === null ? null : parseGlobalId(partnerCityId, 'PartnerCity', 'partnerCityId') } : {}),
    });
  }

  @Mutation(() => Agreement, { description: 'Hide an agreement from default lists and reports (kept in history). Officers and admins' })
  archiveAgreement(@Ctx() ctx: AuthedContext, @Arg('id', () => ID, { description: 'The opaque global id of the agreement' }) id: string): Promise<Agreement> {
    return ctx.services.registry.archiveAgreement(actorOf(ctx), parseGlobalId(id, 'Agreement', 'id'));
  }

  @Mutation(() => AgreementDocument, { description: 'Correct a recorded document (recording one is part of the workflow: recordDocument). Officers and admins' })
  updateDocument(
    @Ctx() ctx: AuthedContext,
    @Arg('id', () => ID, { description: 'The opaque global id of the document' }) id: string,
    @Arg('input', () => UpdateDocumentInput, { description: 'The corrections; fields left out stay as they are, null clears' }) input: UpdateDocumentInput,
  ): Promise<AgreementDocument> {
    return ctx.services.registry.updateDocument(actorOf(ctx), parseGlobalId(id, 'AgreementDocument', 'id'), input);
  }

  @Mutation(() => AgreementDocument, { description: 'Hide a document from its agreement (kept in the database). Officers and admins' })
  archiveDocument(@Ctx() ctx: AuthedContext, @Arg('id', () => ID, { description: 'The opaque global id of the document' }) id: string): Promise<AgreementDocument> {
    return ctx.services.registry.archiveDocument(actorOf(ctx), parseGlobalId(id, 'AgreementDocument', 'id'));
  }
}
