/**
 * Which of this machine's network interfaces other devices reach. Container and VM bridges are
 * non-internal but unreachable from a phone or headset on the Wi-Fi: a laptop running Docker
 * lists docker0 (172.17.0.1) beside wlan0. Link-local 169.254/16 means no DHCP answer.
 */
const VIRTUAL_NAME = /^(docker|br-|veth|virbr|vboxnet|vmnet|cni|flannel|podman|lxc|lxd|vEthernet)/i;

export function isVirtualInterface(name: string): boolean {
  return VIRTUAL_NAME.test(name);
}

export function isLinkLocalIPv4(address: string): boolean {
  return address.startsWith('169.254.');
}
