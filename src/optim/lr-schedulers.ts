// torch.optim.lr_scheduler as one namespace: the base and first schedulers (lr-scheduler.ts) and the rest (lr-scheduler-more.ts).
export * from "./lr-scheduler";
export * from "./lr-scheduler-more";
