// Bolt's installation store, in the store's database: one row per workspace ("T…") or, for an org-wide
// install on Enterprise Grid, per organisation ("E…"). Every instance on one PostgreSQL sees every install.
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Store } from "./store.ts";

type AnyInstallation = Installation<"v1" | "v2", boolean>;

function keyOf(installation: AnyInstallation): string {
  if (installation.isEnterpriseInstall && installation.enterprise?.id)
    return `E${installation.enterprise.id}`;
  if (installation.team?.id) return `T${installation.team.id}`;
  throw new Error("an installation with neither a team nor an enterprise id");
}

/** The rows a query can be answered from, most specific first (a workspace of an org-wide install → the org). */
function keysFor(query: InstallationQuery<boolean>): string[] {
  const keys: string[] = [];
  if (query.isEnterpriseInstall && query.enterpriseId) keys.push(`E${query.enterpriseId}`);
  if (query.teamId) keys.push(`T${query.teamId}`);
  if (!query.isEnterpriseInstall && query.enterpriseId) keys.push(`E${query.enterpriseId}`);
  return keys;
}

export function createInstallationStore(store: Store): InstallationStore & {
  /** Deletes a workspace's (or organisation's) installation: app_uninstalled, tokens_revoked. */
  forget(query: {
    teamId?: string | undefined;
    enterpriseId?: string | undefined;
    isEnterpriseInstall?: boolean;
  }): Promise<number>;
} {
  const { db } = store;
  return {
    async storeInstallation(installation) {
      const row = {
        id: keyOf(installation as AnyInstallation),
        team_id: installation.team?.id ?? null,
        enterprise_id: installation.enterprise?.id ?? null,
        data: JSON.stringify(installation),
        updated_at: Date.now(),
      };
      await db
        .insertInto("installations")
        .values(row)
        .onConflict((conflict) =>
          conflict.column("id").doUpdateSet({
            team_id: row.team_id,
            enterprise_id: row.enterprise_id,
            data: row.data,
            updated_at: row.updated_at,
          }),
        )
        .execute();
    },
    async fetchInstallation(query) {
      const keys = keysFor(query);
      if (keys.length === 0) throw new Error("no team or enterprise id to look an installation up by");
      const rows = await db
        .selectFrom("installations")
        .select(["id", "data"])
        .where("id", "in", keys)
        .execute();
      for (const key of keys) {
        const row = rows.find((candidate) => candidate.id === key);
        if (row) return JSON.parse(row.data) as AnyInstallation;
      }
      throw new Error(`no installation for ${keys.join(" or ")}`);
    },
    async deleteInstallation(query) {
      await this.forget(query);
    },
    async forget(query) {
      const keys = keysFor({
        teamId: query.teamId,
        enterpriseId: query.enterpriseId,
        isEnterpriseInstall: query.isEnterpriseInstall ?? false,
      } as InstallationQuery<boolean>);
      if (keys.length === 0) return 0;
      // An org-wide install is only removed by the org's own uninstall, not by one workspace's event.
      const own = query.isEnterpriseInstall ? keys : keys.filter((key) => key.startsWith("T"));
      if (own.length === 0) return 0;
      const result = await db.deleteFrom("installations").where("id", "in", own).executeTakeFirst();
      return Number(result.numDeletedRows);
    },
  };
}

export type StoredInstallations = ReturnType<typeof createInstallationStore>;
