package provider

import (
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/hashicorp/terraform-plugin-testing/compare"
	"github.com/hashicorp/terraform-plugin-testing/helper/resource"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/plancheck"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

const fileAddr = "tagoio_file.test"

// storedFile reads a file's listing through the API.
func (e *accEnv) storedFile(t *testing.T, filePath string) *client.File {
	t.Helper()
	f, err := e.client.Files.Get(context.Background(), filePath)
	if err != nil {
		t.Fatalf("GET %s: %v", filePath, err)
	}
	return f
}

// fetchURL reads a public file through its URL, the way anyone holding the URL would.
func fetchURL(t *testing.T, url string) string {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodGet, url, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = resp.Body.Close() }()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("GET %s answered %d: %s", url, resp.StatusCode, b)
	}
	return string(b)
}

func TestAccFile_lifecycle(t *testing.T) {
	env := newAccEnv(t)
	source := filepath.Join(t.TempDir(), "summary.csv")
	write := func(content string) {
		if err := os.WriteFile(source, []byte(content), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("a,b\n1,2\n")
	cfg := func(filePath string, public bool) string {
		return env.config(`
resource "tagoio_file" "test" {
  path   = %q
  source = %q
  public = %t
}`, filePath, source, public)
	}
	const first, moved = "/tfacc-file-lifecycle/summary.csv", "/tfacc-file-lifecycle/moved/summary.csv"
	sameID := statecheck.CompareValue(compare.ValuesSame())
	resource.ParallelTest(t, env.testCheckingGone("tagoio_file", existsByID(env.client.Files.Get), []resource.TestStep{
		{
			Config: cfg(first, false),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("id"), knownvalue.StringExact(first)),
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("content_hash"), knownvalue.StringExact(sha256Hex("a,b\n1,2\n"))),
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("size"), knownvalue.Int64Exact(8)),
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("public"), knownvalue.Bool(false)),
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("url"), knownvalue.StringRegexp(regexp.MustCompile(`summary\.csv$`))),
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("last_modified"), knownvalue.NotNull()),
				sameID.AddStateValue(fileAddr, tfjsonpath.New("id")),
			},
			Check: func(*terraform.State) error {
				if f := env.storedFile(t, first); f.Size != 8 || f.Public {
					t.Errorf("TagoIO lists %+v", f)
				}
				return nil
			},
		},
		{
			// A folder's path is not a file's import ID.
			ResourceName: fileAddr, ImportState: true, ImportStateId: "/tfacc-file-lifecycle/",
			ExpectError: regexp.MustCompile(`Invalid file import ID`),
		},
		{
			// The content cannot be read back, and the URL is not listed.
			ResourceName: fileAddr, ImportState: true, ImportStateVerify: true,
			ImportStateVerifyIgnore: []string{"source", "content_hash", "url"},
		},
		{
			// public is changed in place; the file is then readable by its URL.
			Config:           cfg(first, true),
			ConfigPlanChecks: plans(fileAddr, plancheck.ResourceActionUpdate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("public"), knownvalue.Bool(true)),
				sameID.AddStateValue(fileAddr, tfjsonpath.New("id")),
			},
			Check: func(s *terraform.State) error {
				if !env.storedFile(t, first).Public {
					t.Error("TagoIO lists the file as private")
				}
				if got := fetchURL(t, s.RootModule().Resources[fileAddr].Primary.Attributes["url"]); got != "a,b\n1,2\n" {
					t.Errorf("the URL serves %q", got)
				}
				return nil
			},
		},
		{
			// The local file changes: the plan replaces the stored one, which then holds the new content.
			PreConfig:        func() { write("a,b\n1,2\n3,4\n") },
			Config:           cfg(first, true),
			ConfigPlanChecks: plans(fileAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("content_hash"), knownvalue.StringExact(sha256Hex("a,b\n1,2\n3,4\n"))),
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("size"), knownvalue.Int64Exact(12)),
			},
			Check: func(s *terraform.State) error {
				if got := fetchURL(t, s.RootModule().Resources[fileAddr].Primary.Attributes["url"]); got != "a,b\n1,2\n3,4\n" {
					t.Errorf("the URL serves %q", got)
				}
				return nil
			},
		},
		{
			// A new path replaces the file: the old path is left empty.
			Config:           cfg(moved, true),
			ConfigPlanChecks: plans(fileAddr, plancheck.ResourceActionDestroyBeforeCreate),
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("id"), knownvalue.StringExact(moved)),
			},
			Check: func(*terraform.State) error {
				if _, err := env.client.Files.Get(context.Background(), first); !client.IsNotFound(err) {
					t.Errorf("the old path still holds a file (err %v)", err)
				}
				return nil
			},
		},
	}))
}

func TestAccFile_contentAndOutOfBandChanges(t *testing.T) {
	env := newAccEnv(t)
	ctx := context.Background()
	const filePath = "/tfacc-file-oob/notes.txt"
	cfg := env.config(`
resource "tagoio_file" "test" {
  path    = %q
  content = "hello"
}`, filePath)
	resource.ParallelTest(t, env.testCheckingGone("tagoio_file", existsByID(env.client.Files.Get), []resource.TestStep{
		{
			Config: cfg,
			ConfigStateChecks: []statecheck.StateCheck{
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("content_hash"), knownvalue.StringExact(sha256Hex("hello"))),
				statecheck.ExpectKnownValue(fileAddr, tfjsonpath.New("size"), knownvalue.Int64Exact(5)),
			},
		},
		{
			// Made public in the TagoIO admin: the plan makes it private again, in place.
			PreConfig: func() {
				if err := env.client.Files.SetPublic(ctx, filePath, true); err != nil {
					t.Fatal(err)
				}
			},
			Config:           cfg,
			ConfigPlanChecks: plans(fileAddr, plancheck.ResourceActionUpdate),
			Check: func(*terraform.State) error {
				if env.storedFile(t, filePath).Public {
					t.Error("TagoIO still lists the file as public")
				}
				return nil
			},
		},
		{
			// Uploaded again outside Terraform: the plan uploads the configured content again.
			PreConfig: func() {
				if _, err := env.client.Files.Upload(ctx, client.FileUpload{Path: filePath, Content: []byte("hello, changed")}); err != nil {
					t.Fatal(err)
				}
			},
			Config:           cfg,
			ConfigPlanChecks: plans(fileAddr, plancheck.ResourceActionDestroyBeforeCreate),
			Check: func(*terraform.State) error {
				if f := env.storedFile(t, filePath); f.Size != 5 {
					t.Errorf("TagoIO lists %+v, want the configured 5 bytes back", f)
				}
				return nil
			},
		},
		{
			// Deleted outside Terraform: the plan uploads it again, without an error.
			PreConfig: func() {
				if err := env.client.Files.Delete(ctx, filePath); err != nil {
					t.Fatal(err)
				}
			},
			Config:           cfg,
			ConfigPlanChecks: plans(fileAddr, plancheck.ResourceActionCreate),
			Check: func(*terraform.State) error {
				if f := env.storedFile(t, filePath); f.Size != 5 {
					t.Errorf("TagoIO lists %+v", f)
				}
				return nil
			},
		},
	}))
}

// A file already stored at the path is never overwritten by a create: the error names the
// import block. A file inside a folder of the same name as the path is not a file at the path.
func TestAccFile_refusesToOverwriteAFileItDoesNotManage(t *testing.T) {
	env := newAccEnv(t)
	const taken = "/tfacc-file-taken/a.bin"
	if _, err := env.client.Files.Upload(context.Background(), client.FileUpload{Path: taken, Content: []byte{0, 1, 2}}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = env.client.Files.Delete(context.Background(), taken) })
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(`
resource "tagoio_file" "test" {
  path           = %q
  content_base64 = "AAEC"
}`, taken),
				ExpectError: regexp.MustCompile(`(?s)A file already exists at this path.*to\s+=\s+tagoio_file\.NAME`),
			},
			{
				// Neither source nor content: a new file has nothing to upload.
				Config: env.config(`
resource "tagoio_file" "test" {
  path = "/tfacc-file-taken/empty.txt"
}`),
				PlanOnly:    true,
				ExpectError: regexp.MustCompile(`Missing file content`),
			},
		},
	})
	if f := env.storedFile(t, taken); f.Size != 3 {
		t.Errorf("the file not managed by Terraform was changed: %+v", f)
	}
}

// The data sources read files uploaded through the API: one by its path (a missing path is an
// error), and every file under a folder.
func TestAccFileDataSource_byPath(t *testing.T) {
	env := newAccEnv(t)
	const filePath = "/tfacc-file-data/ünï code.json"
	if _, err := env.client.Files.Upload(context.Background(), client.FileUpload{Path: filePath, Content: []byte(`{"a":1}`), Public: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := env.client.Files.Upload(context.Background(), client.FileUpload{Path: "/tfacc-file-data/sub/b.txt", Content: []byte("b")}); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = env.client.Files.Delete(context.Background(), "/tfacc-file-data") })
	const addr = "data.tagoio_file.test"
	resource.ParallelTest(t, resource.TestCase{
		ProtoV6ProviderFactories: protoV6ProviderFactories,
		Steps: []resource.TestStep{
			{
				Config: env.config(`
data "tagoio_file" "test" {
  path = %q
}

data "tagoio_files" "test" {
  folder = "/tfacc-file-data"
}`, filePath),
				ConfigStateChecks: []statecheck.StateCheck{
					// The folder's own files first, then those of its sub-folders, each by its whole path.
					statecheck.ExpectKnownValue("data.tagoio_files.test", tfjsonpath.New("ids"),
						knownvalue.ListExact([]knownvalue.Check{knownvalue.StringExact(filePath), knownvalue.StringExact("/tfacc-file-data/sub/b.txt")})),
					statecheck.ExpectKnownValue("data.tagoio_files.test", tfjsonpath.New("files").AtSliceIndex(1).AtMapKey("size"), knownvalue.Int64Exact(1)),
					statecheck.ExpectKnownValue("data.tagoio_files.test", tfjsonpath.New("files").AtSliceIndex(0).AtMapKey("public"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("id"), knownvalue.StringExact(filePath)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("public"), knownvalue.Bool(true)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("size"), knownvalue.Int64Exact(7)),
					statecheck.ExpectKnownValue(addr, tfjsonpath.New("last_modified"), knownvalue.NotNull()),
				},
			},
			{
				Config: env.config(`
data "tagoio_file" "test" {
  path = "/tfacc-file-data/missing.json"
}`),
				ExpectError: regexp.MustCompile(`(?i)error reading file`),
			},
		},
	})
}
