// Action ids and callback ids: builders set them, listeners match them. One family per listener.

export const ACTION = {
  /** "Share in channel" on a private answer. */
  share: "share",
  /** Show one row: `row.<n>` buttons (alternatives, closest rows, each row of a list). */
  rowPrefix: "row.",
  /** 👍 / 👎 on a message. */
  feedbackUp: "feedback.up",
  feedbackDown: "feedback.down",
  /** "Ask the owners" on a "not sure" card: the question taken to the likeliest row's channel. */
  askOwners: "ask.owners",
  /** A paginated list in a message: `page.prev`, `page.next`, `page.open.<n>` (a model's Browse), `page.party`. */
  pagePrev: "page.prev",
  pageNext: "page.next",
  pageOpenPrefix: "page.open.",
  pageParty: "page.party",
  /** The Home tab. */
  homeModel: "home.model",
  homeParty: "home.party",
  homeSearch: "home.search",
  homePrev: "home.prev",
  homeNext: "home.next",
  homePickPrefix: "home.pick.",
  homeBack: "home.back",
  /** A "Start here" question in the Home tab: `home.example.<n>`. */
  homeExamplePrefix: "home.example.",
  homeFeedbackUp: "home.feedback.up",
  homeFeedbackDown: "home.feedback.down",
} as const;

/** The families the actions listener registers, as patterns on action_id. */
export const ACTION_PATTERNS = {
  share: /^share$/,
  askOwners: /^ask\.owners$/,
  row: /^row\./,
  feedback: /^feedback\.(?:up|down)$/,
  page: /^page\./,
  home: /^home\./,
} as const;

export const VIEW = {
  /** The optional "what were you looking for?" modal after a 👎. */
  feedback: "feedback_modal",
} as const;

export const BLOCK = {
  homeSearch: "home_search",
  feedbackComment: "feedback_comment",
} as const;

export const FEEDBACK_COMMENT_ACTION = "comment";
