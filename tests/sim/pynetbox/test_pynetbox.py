"""A real NetBox client, Debian's pynetbox, against netbox-sim."""
import os
import sys
import unittest
import warnings

sys.path.insert(0, os.path.dirname(__file__))

import pynetbox  # noqa: E402

from simproc import DEMO, TOKEN, WORKSHOP, SimProcess  # noqa: E402


class PynetboxAgainstSim(unittest.TestCase):
    version = "4.5"

    @classmethod
    def setUpClass(cls):
        cls.sim = SimProcess("--netbox-version", cls.version, "--data", WORKSHOP,
                             "--data", DEMO, "--generate", "300")

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def setUp(self):
        warnings.simplefilter("ignore", ResourceWarning)  # pynetbox leaves sockets to the GC
        self.nb = pynetbox.api(self.sim.url, token=TOKEN)

    def test_status_reports_the_emulated_version(self):
        status = self.nb.status()

        self.assertTrue(status["netbox-version"].startswith(self.version))
        self.assertEqual(self.version, self.nb.version)

    def test_filters(self):
        planned = list(self.nb.dcim.devices.filter(status="planned", site_id=[1, 2, 3, 4, 5]))
        by_name = list(self.nb.dcim.devices.filter(name="loc3-core"))
        by_ids = list(self.nb.dcim.devices.filter(id=[1, 2]))

        self.assertEqual({"loc1-core", "loc2-core", "loc3-core", "loc4-core", "loc5-core"},
                         {d.name for d in planned})
        self.assertEqual([3], [d.id for d in by_name])
        self.assertEqual({1, 2}, {d.id for d in by_ids})

    def test_paging_follows_next_with_and_without_threading(self):
        total = self.sim.stats()
        plain = pynetbox.api(self.sim.url, token=TOKEN)
        threaded = pynetbox.api(self.sim.url, token=TOKEN, threading=True)

        ids = [d.id for d in plain.dcim.devices.filter(limit=50)]
        threaded_ids = [d.id for d in threaded.dcim.devices.all(limit=50)]

        self.assertEqual(len(ids), len(set(ids)))
        self.assertEqual(377, len(ids))  # 5 + 72 + 300
        self.assertEqual(sorted(ids), sorted(threaded_ids))
        self.assertGreater(self.sim.stats()["total"], total["total"] + 8)

    def test_get_by_id_and_by_name(self):
        by_id = self.nb.dcim.devices.get(2)
        by_name = self.nb.dcim.devices.get(name="loc2-core")

        self.assertEqual("loc2-core", by_id.name)
        self.assertEqual(2, by_name.id)
        self.assertEqual("10.0.0.2/32", by_id.primary_ip4.address)
        self.assertIsNone(self.nb.dcim.devices.get(999999))

    def test_save_patches_only_the_changed_fields(self):
        self.sim.control("POST", "/_sim/stats/reset")
        device = self.nb.dcim.devices.get(4)
        device.serial = "SIM-0004"

        self.assertTrue(device.save())

        self.assertEqual("SIM-0004", self.nb.dcim.devices.get(4).serial)
        requests = self.sim.stats()["requests"]
        self.assertEqual({"200": 1}, requests["PATCH /api/dcim/devices/{id}/"])

    def test_bulk_update_skips_unknown_ids(self):
        updated = self.nb.dcim.devices.update([
            {"id": 5, "serial": "bulk"}, {"id": 999999, "serial": "bulk"}])

        self.assertEqual([5], [d.id for d in updated])
        self.assertEqual("bulk", self.nb.dcim.devices.get(5).serial)

    def test_bad_token_raises_403(self):
        bad = pynetbox.api(self.sim.url, token="f" * 40)

        with self.assertRaises(pynetbox.RequestError) as raised:
            bad.dcim.devices.get(1)

        self.assertEqual(403, raised.exception.req.status_code)
        self.assertEqual({"detail": "Invalid v1 token"}, raised.exception.req.json())

    def test_bad_value_raises_400(self):
        device = self.nb.dcim.devices.get(3)
        device.status = "bogus"

        with self.assertRaises(pynetbox.RequestError) as raised:
            device.save()

        self.assertEqual(400, raised.exception.req.status_code)
        self.assertEqual({"status": ["bogus is not a valid choice."]}, raised.exception.req.json())

    def test_workshop_three_steps(self):
        # 1. List the planned devices; 2. get one by id; 3. set it active, save.
        planned = list(self.nb.dcim.devices.filter(status="planned", site_id=1))
        device = self.nb.dcim.devices.get(planned[0].id)
        device.status = "active"
        device.save()

        self.assertEqual("active", self.nb.dcim.devices.get(planned[0].id).status.value)


class PynetboxAgainstSim31(PynetboxAgainstSim):
    version = "3.1"

    def test_status_reports_the_emulated_version(self):
        # 3.1 sends API-Version only when the request has a JSON Content-Type.
        self.assertTrue(self.nb.status()["netbox-version"].startswith("3.1"))

    def test_bad_token_raises_403(self):
        bad = pynetbox.api(self.sim.url, token="f" * 40)

        with self.assertRaises(pynetbox.RequestError) as raised:
            bad.dcim.devices.get(1)

        self.assertEqual({"detail": "Invalid token"}, raised.exception.req.json())


class OperatorCreatesARouter(unittest.TestCase):
    """The demo's steps: a device, its loopback, two addresses, primary IPs."""
    version = "4.5"
    role_key = "role"

    @classmethod
    def setUpClass(cls):
        cls.sim = SimProcess("--netbox-version", cls.version, "--data", WORKSHOP)

    @classmethod
    def tearDownClass(cls):
        cls.sim.stop()

    def setUp(self):
        warnings.simplefilter("ignore", ResourceWarning)
        self.nb = pynetbox.api(self.sim.url, token=TOKEN)

    def test_create_interface_addresses_and_primary_ips(self):
        device = self.nb.dcim.devices.create(
            name="loc6-core", device_type=1, site=1, status="planned", **{self.role_key: 1})
        iface = self.nb.dcim.interfaces.create(device=device.id, name="loopback0",
                                               type="virtual")
        ip4 = self.nb.ipam.ip_addresses.create(
            address="10.0.0.6/32", status="active",
            assigned_object_type="dcim.interface", assigned_object_id=iface.id)
        ip6 = self.nb.ipam.ip_addresses.create(
            address="2001:db8::6/128", status="active",
            assigned_object_type="dcim.interface", assigned_object_id=iface.id)
        device.primary_ip4 = ip4.id
        device.primary_ip6 = ip6.id

        self.assertTrue(device.save())

        again = self.nb.dcim.devices.get(device.id)
        self.assertEqual("10.0.0.6/32", again.primary_ip4.address)
        self.assertEqual("2001:db8::6/128", again.primary_ip6.address)
        self.assertEqual(device.id, ip4.assigned_object.device.id)
        self.assertEqual({"10.0.0.6/32", "2001:db8::6/128"},
                         {ip.address for ip in self.nb.ipam.ip_addresses.filter(device_id=device.id)})
        self.assertEqual(["loopback0"],
                         [i.name for i in self.nb.dcim.interfaces.filter(device_id=device.id)])

    def test_an_address_of_another_device_is_refused(self):
        device = self.nb.dcim.devices.get(2)
        device.primary_ip4 = self.nb.dcim.devices.get(1).primary_ip4.id

        with self.assertRaises(pynetbox.RequestError) as raised:
            device.save()

        self.assertEqual(400, raised.exception.req.status_code)
        self.assertEqual(
            {"primary_ip4": ["The specified IP address (10.0.0.1/32) is not assigned to this device."]},
            raised.exception.req.json())

    def test_an_interface_of_an_unknown_device_is_refused(self):
        with self.assertRaises(pynetbox.RequestError) as raised:
            self.nb.dcim.interfaces.create(device=999, name="lo0", type="virtual")

        self.assertEqual(
            {"device": ["Related object not found using the provided numeric ID: 999"]},
            raised.exception.req.json())


class OperatorCreatesARouter31(OperatorCreatesARouter):
    version = "3.1"
    role_key = "device_role"


if __name__ == "__main__":
    unittest.main()
