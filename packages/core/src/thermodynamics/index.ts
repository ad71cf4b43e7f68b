export { nBose } from "./bose";
export { entropyProduction } from "./entropy-production";
export { type ChannelCurrent, channelCurrents, energyFlow, heatCurrents } from "./heat-current";
