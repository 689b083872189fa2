import type { Logger } from '#src/logger.js';
import { MarketplaceError } from '#src/marketplaces/errors.js';
import { createHttpClient, type HttpClientOptions } from '#src/marketplaces/http.js';
import {
  buyerMessageSchema,
  type BuyerMessage,
  type Marketplace,
  type MarketplaceOption,
  type Order,
  type ReplyTarget,
  watermarkOverlapMs,
} from '#src/marketplaces/port.js';
import { createPromClient } from '#src/marketplaces/prom/client.js';
import { collectPages, pagesByOffset, pagesDownward } from '#src/marketplaces/prom/paging.js';
import { assertProcessed, refusalDetail } from '#src/marketplaces/prom/refusals.js';
import { convertedOrSkipped, ordersOrSkipped, pageableRows } from '#src/marketplaces/malformed.js';
import {
  promChatMessageSchema,
  promId,
  promLegacyMessageSchema,
  promOrderSchema,
  type PromProduct,
} from '#src/marketplaces/prom/schemas.js';
import { PROM_CANCEL_REASONS } from '#src/marketplaces/prom/statuses.js';
import {
  isIncomingChatMessage,
  nonEmpty,
  promChatMessageToDomain,
  promLegacyMessageToDomain,
  promOrderToDomain,
  promProductToDomain,
  type PromMappingContext,
} from '#src/marketplaces/prom/to-domain.js';

export interface PromMarketplaceOptions {
  /** e.g. https://my.prom.ua/api/v1 (or the fake server's url) */
  baseUrl: string;
  token: string;
  logger?: Logger;
  httpOptions?: Omit<HttpClientOptions, 'baseURL' | 'headers' | 'logger'>;
  /** how far back a first run (no watermark yet) looks */
  firstRunLookbackMs?: number;
  /** currency assumed when an order's money strings carry no marker */
  defaultCurrency?: string;
  now?: () => Date;
}

/** Prom's chat `body` maxLength. */
const PROM_REPLY_MAX_LENGTH = 2000;
/** how late after its time a change may be committed: orders committed late must not be lost */
const LATE_COMMIT_MS = 2 * 60_000;
const DEFAULT_FIRST_RUN_LOOKBACK_MS = 72 * 3600_000;
/** One known client spaces request starts 0.4 s apart after seeing 429 under bursts. */
const DEFAULT_MIN_INTERVAL_MS = 400;
const CHAT_DISABLED = /chat is disabled/i;
const TTN_ALREADY_SAVED = /уже добавлен|вже додан|already (added|exists)/i;

function toPromId(value: string, what: string): number {
  if (!/^\d+$/.test(value)) throw new MarketplaceError('not_found', `"${value}" is not a Prom ${what} id`);
  return Number(value);
}

/** Links go to the seller cabinet of the same portal; a local fake gets the real Prom cabinet. */
function cabinetUrlFor(baseUrl: string): string {
  const { hostname, origin } = new URL(baseUrl);
  return hostname.startsWith('my.') ? origin : 'https://my.prom.ua';
}

function namedOptions(options: { id?: string | number | null; name?: string | null }[]): MarketplaceOption[] {
  return options.flatMap((option) => {
    const id = nonEmpty(option.id);
    return id ? [{ id, label: nonEmpty(option.name) ?? id }] : [];
  });
}

export function createPromMarketplace(options: PromMarketplaceOptions): Marketplace {
  const now = options.now ?? (() => new Date());
  const http = createHttpClient({
    minIntervalMs: DEFAULT_MIN_INTERVAL_MS,
    ...options.httpOptions,
    baseURL: options.baseUrl,
    headers: { Authorization: `Bearer ${options.token}`, 'X-LANGUAGE': 'uk', Accept: 'application/json' },
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const client = createPromClient(http);
  const cabinetUrl = cabinetUrlFor(options.baseUrl);
  const context = (): PromMappingContext => ({
    cabinetUrl,
    defaultCurrency: options.defaultCurrency ?? 'UAH',
    now: now(),
  });
  const overlapped = (since: Date | null, overlapMs: number) =>
    since ? new Date(since.getTime() - overlapMs) : null;

  async function setStatus(orderId: string, body: { status: string; reason?: string; text?: string }) {
    const id = toPromId(orderId, 'order');
    const response = await client.setStatus({
      ids: [id],
      status: body.status,
      ...(body.reason ? { cancellation_reason: body.reason } : {}),
      ...(body.text ? { cancellation_text: body.text } : {}),
    });
    assertProcessed(response, id, `set order ${id} to "${body.status}"`);
  }

  async function saveTtn(orderId: string, carrier: string | null, ttn: string) {
    const declaration = ttn.replace(/\s+/g, '');
    if (declaration === '') throw new MarketplaceError('refused', 'TTN is empty');
    const id = toPromId(orderId, 'order');
    const response = await client.saveDeclaration({
      order_id: id,
      declaration_id: declaration,
      delivery_type: carrier ?? 'nova_poshta',
    });
    const detail = refusalDetail(response);
    // Re-sending the same TTN is refused with "already added": the order has it, which is what we want.
    if (detail !== null && !TTN_ALREADY_SAVED.test(detail)) {
      throw new MarketplaceError('refused', `Prom refused the TTN for order ${id}`, detail);
    }
  }

  async function listChatMessages(since: Date | null): Promise<BuyerMessage[]> {
    const dateFrom = overlapped(since, LATE_COMMIT_MS);
    let rows: { raw: unknown }[];
    try {
      rows = await collectPages(
        pagesByOffset(async (offset) =>
          pageableRows(
            await client.listChatMessages({ dateFrom, offset }),
            promId,
            options.logger,
            'message',
          ),
        ),
      );
    } catch (error) {
      // A shop with chat switched off still has its legacy messages to read.
      if (!(error instanceof MarketplaceError && CHAT_DISABLED.test(error.detail ?? ''))) throw error;
      options.logger?.info('Prom chat is disabled for this shop; reading legacy messages only');
      return [];
    }
    const ctx = context();
    return convertedOrSkipped(
      rows.map((row) => row.raw),
      (raw) => {
        const message = promChatMessageSchema.parse(raw);
        return isIncomingChatMessage(message)
          ? buyerMessageSchema.parse(promChatMessageToDomain(message, ctx))
          : null;
      },
      options.logger,
      'message',
    );
  }

  async function listLegacyMessages(since: Date | null): Promise<BuyerMessage[]> {
    const dateFrom = overlapped(since, LATE_COMMIT_MS);
    const rows = await collectPages(
      pagesDownward(async (lastId) =>
        pageableRows(
          await client.listLegacyMessages({ dateFrom, lastId }),
          promId,
          options.logger,
          'message',
        ),
      ),
    );
    const ctx = context();
    return convertedOrSkipped(
      rows.map((row) => row.raw),
      (raw) => buyerMessageSchema.parse(promLegacyMessageToDomain(promLegacyMessageSchema.parse(raw), ctx)),
      options.logger,
      'message',
    );
  }

  return {
    kind: 'prom',
    replyMaxLength: PROM_REPLY_MAX_LENGTH,

    async checkCredentials() {
      await client.probeOrders();
      return { shopName: null };
    },

    async listChangedOrders(since, reach) {
      const modifiedFrom =
        overlapped(since, watermarkOverlapMs(reach ?? 'late', LATE_COMMIT_MS)) ??
        new Date(now().getTime() - (options.firstRunLookbackMs ?? DEFAULT_FIRST_RUN_LOOKBACK_MS));
      const rows = await collectPages(
        pagesDownward(async (lastId) =>
          pageableRows(await client.listOrders({ modifiedFrom, lastId }), promId, options.logger, 'order'),
        ),
      );
      const ctx = context();
      return ordersOrSkipped(
        rows.map((row) => row.raw),
        (raw) => promOrderToDomain(promOrderSchema.parse(raw), ctx),
        options.logger,
      );
    },

    async getOrder(orderId) {
      return promOrderToDomain(await client.getOrder(toPromId(orderId, 'order')), context());
    },

    cancelReasons: (_order: Order) => [...PROM_CANCEL_REASONS],

    accept: (orderId) => setStatus(orderId, { status: 'received' }),

    async cancel(orderId, reason, text) {
      const known = PROM_CANCEL_REASONS.find((candidate) => candidate.code === reason);
      const note = text?.trim() ?? '';
      if (known?.requiresText && note === '') {
        throw new MarketplaceError(
          'refused',
          `Prom needs a text for the cancel reason "${reason}"`,
          known.label,
        );
      }
      await setStatus(orderId, { status: 'canceled', reason, text: note });
    },

    async setStatus(orderId, status, statusOptions) {
      if (status === 'canceled') {
        throw new MarketplaceError('refused', 'Prom needs a cancellation reason: use cancel()');
      }
      if (statusOptions?.ttn) {
        // The declaration needs the order's carrier, which only the order itself knows.
        const order = await client.getOrder(toPromId(orderId, 'order'));
        await saveTtn(orderId, nonEmpty(order.delivery_provider_data?.provider), statusOptions.ttn);
      }
      await setStatus(orderId, { status });
    },

    saveTtn: (order, ttn) => saveTtn(order.marketplaceOrderId, order.delivery.carrier, ttn),

    async listNewMessages(since) {
      const [chat, legacy] = await Promise.all([listChatMessages(since), listLegacyMessages(since)]);
      return [...chat, ...legacy].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
    },

    async reply(target: ReplyTarget, text: string) {
      if (text.trim() === '') throw new MarketplaceError('refused', 'reply is empty');
      if (text.length > PROM_REPLY_MAX_LENGTH) {
        throw new MarketplaceError(
          'refused',
          `Prom accepts at most ${PROM_REPLY_MAX_LENGTH} characters in one message`,
          `${text.length} > ${PROM_REPLY_MAX_LENGTH}`,
        );
      }
      if (target.channel === 'prom_chat') return client.sendChatMessage(target.threadId, text);
      if (target.channel !== 'prom_legacy') throw new MarketplaceError('not_found', 'not a Prom thread');
      const id = toPromId(target.threadId, 'message');
      const response = await client.replyLegacyMessage(id, text);
      // The success key (processed_id or processed_ids) is unconfirmed: only a refusal or an empty list fails.
      const detail =
        refusalDetail(response) ??
        (response.processed_ids?.length === 0 && response.processed_id == null
          ? JSON.stringify(response)
          : null);
      if (detail !== null)
        throw new MarketplaceError('refused', `Prom refused the reply to message ${id}`, detail);
    },

    async markRead(target) {
      if (target.channel === 'prom_chat') {
        if (!target.messageId || !target.peerId) {
          throw new MarketplaceError('not_found', 'chat message has no message id or room id');
        }
        return client.markChatMessageRead(toPromId(target.messageId, 'chat message'), target.peerId);
      }
      if (target.channel !== 'prom_legacy') throw new MarketplaceError('not_found', 'not a Prom thread');
      const id = toPromId(target.messageId ?? target.threadId, 'message');
      const response = await client.markLegacyMessageRead(id);
      // An empty processed_ids here means "already read", which is the state we asked for.
      const detail = refusalDetail(response);
      if (detail !== null)
        throw new MarketplaceError('refused', `Prom refused to mark message ${id} read`, detail);
    },

    /**
     * The whole catalogue under both live readings (prom-api.md Corrections 1): the plain list
     * (all products, or only the root group's), then every group's own list; each product once.
     */
    async *listProducts() {
      const seen = new Set<number>();
      async function* unseen(pages: AsyncIterable<PromProduct[]>) {
        for await (const page of pages) {
          const fresh = page.filter((product) => !seen.has(product.id));
          for (const product of fresh) seen.add(product.id);
          const ctx = context();
          if (fresh.length > 0) yield fresh.map((product) => promProductToDomain(product, ctx));
        }
      }
      yield* unseen(pagesDownward((lastId) => client.listProducts(lastId)));
      for await (const groups of pagesDownward((lastId) => client.listGroups(lastId))) {
        for (const group of groups) {
          yield* unseen(pagesDownward((lastId) => client.listProducts(lastId, group.id)));
        }
      }
    },

    async listStatusOptions() {
      const options = await client.listStatusOptions();
      return options.flatMap((option) => {
        const id = nonEmpty(option.name) ?? nonEmpty(option.id);
        return id ? [{ id, label: nonEmpty(option.title) ?? id }] : [];
      });
    },

    async listPaymentOptions() {
      return namedOptions(await client.listPaymentOptions());
    },

    async listDeliveryOptions() {
      return namedOptions(await client.listDeliveryOptions());
    },
  };
}
