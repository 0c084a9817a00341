package io.mountscope.probe.mounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mountscope.util.InputException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MountInfoParserTest {
  static List<MountEntry> fixture(String name) throws Exception {
    List<MountEntry> out = new ArrayList<>();
    try (InputStream in = MountInfoParserTest.class.getResourceAsStream("/mountinfo/" + name)) {
      MountInfoParser.parse(in, name, out::add);
    }
    return out;
  }

  static MountEntry at(List<MountEntry> entries, String mountPointSuffix) {
    return entries.stream().filter(e -> e.mountPoint().endsWith(mountPointSuffix)).findFirst()
        .orElseThrow(() -> new AssertionError("no mount ending in " + mountPointSuffix));
  }

  @Test
  void every_line_of_the_captured_table_is_one_mount() throws Exception {
    assertThat(fixture("odd-fields.mountinfo")).hasSize(32);
    assertThat(fixture("idmapped.mountinfo")).hasSize(24);
  }

  @Test
  void octal_escapes_for_space_tab_newline_and_backslash_are_decoded() throws Exception {
    List<MountEntry> e = fixture("odd-fields.mountinfo");
    assertThat(at(e, "/with space").source()).isEqualTo("my src");
    assertThat(at(e, "/with\ttab").fsType()).isEqualTo("tmpfs");
    assertThat(at(e, "/with\nnewline").fsType()).isEqualTo("tmpfs");
    assertThat(at(e, "/back\\slash").fsType()).isEqualTo("tmpfs");
  }

  @Test
  void optional_fields_of_any_number_are_kept_and_the_separator_is_found() throws Exception {
    List<MountEntry> e = fixture("odd-fields.mountinfo");
    assertThat(at(e, "/shared").optionalFields()).containsExactly("shared:1");
    assertThat(at(e, "/slave").optionalFields()).containsExactly("master:1");
    assertThat(at(e, "/unbindable").optionalFields()).containsExactly("unbindable");
    assertThat(at(e, "/with space").optionalFields()).isEmpty();
    MountEntry three = MountInfoParser.parseLine(
        "7 1 0:5 / /a\\040b rw shared:3 master:2 propagate_from:1 - fuse.sshfs user@host:/x\\040y rw,user_id=0");
    assertThat(three.optionalFields()).containsExactly("shared:3", "master:2", "propagate_from:1");
    assertThat(three.fsType()).isEqualTo("fuse.sshfs");
    assertThat(three.source()).isEqualTo("user@host:/x y");
    assertThat(three.superOptions()).isEqualTo("rw,user_id=0");
  }

  @Test
  void a_container_rootfs_overlay_keeps_all_seventy_layers_of_its_options() throws Exception {
    MountEntry rootfs = at(fixture("odd-fields.mountinfo"), "/rootfs");
    assertThat(rootfs.fsType()).isEqualTo("overlay");
    String lower = rootfs.superOptions().replaceAll(".*lowerdir=([^,]*).*", "$1");
    assertThat(lower.split(":")).hasSize(70);
    assertThat(rootfs.superOptions()).contains("upperdir=").contains("workdir=");
  }

  @Test
  void a_megabyte_of_options_on_one_line_is_no_problem() {
    String opts = "rw,lowerdir=" + "/l".repeat(500_000);
    MountEntry e = MountInfoParser.parseLine("1 0 0:1 / /big rw - overlay overlay " + opts);
    assertThat(e.superOptions()).hasSize(opts.length());
  }

  @Test
  void ids_devices_and_the_bind_root_are_read() throws Exception {
    MountEntry hosts = at(fixture("odd-fields.mountinfo"), "/etc-hosts");
    assertThat(hosts.root()).endsWith("/hosts-src");
    assertThat(hosts.major()).isEqualTo(254);
    assertThat(hosts.minor()).isZero();
    assertThat(hosts.id()).isEqualTo(144);
    assertThat(hosts.parentId()).isEqualTo(43);
    assertThat(at(fixture("odd-fields.mountinfo"), "/netns-pin").root()).isEqualTo("net:[4026531833]");
  }

  @Test
  void idmapped_mounts_are_recognised_by_their_mount_option() throws Exception {
    List<MountEntry> e = fixture("idmapped.mountinfo");
    assertThat(e.stream().filter(MountEntry::idmapped).map(MountEntry::mountPoint))
        .hasSize(3).anyMatch(p -> p.endsWith("/ovl-idmapped1234567/0"));
    assertThat(MountEntry.hasOption("rw,idmapped_x", "idmapped")).isFalse();
    assertThat(MountEntry.hasOption("ro,relatime,idmapped", "idmapped")).isTrue();
  }

  @Test
  void a_broken_line_is_reported_with_file_and_line() {
    byte[] data = ("22 1 8:1 / / rw - ext4 /dev/sda1 rw\n"
        + "23 22 0:21 / /proc rw,nosuid shared:12 proc proc rw\n").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> MountInfoParser.parse(data, data.length, "node.mountinfo", e -> { }))
        .isInstanceOf(InputException.class)
        .hasMessage("node.mountinfo:2: not a mountinfo line: no '-' separator before the filesystem type");
    assertThatThrownBy(() -> MountInfoParser.parseLine("x 1 8:1 / / rw - ext4 /dev/sda1 rw"))
        .hasMessageContaining("mount id is not a number: 'x'");
    assertThatThrownBy(() -> MountInfoParser.parseLine("1 1 81 / / rw - ext4 /dev/sda1 rw"))
        .hasMessageContaining("MAJOR:MINOR");
  }
}
