package dataplane

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/tago-io/terraform-provider-tagoio/internal/client"
)

func TestChunksAndBackupsAgainstEmulator(t *testing.T) {
	env := newEmulatorEnv(t)
	ctx := context.Background()
	immID, immTok := env.device("tfacc-chunks", "immutable") // month chunks, retention 3
	if _, err := NewDevice(env.dp.WithToken(immTok)).Insert(ctx, Record{Variable: "t", Value: 1}, Record{Variable: "t", Value: 2}); err != nil {
		t.Fatal(err)
	}
	imm := ForDevice(env.dp, immID)
	chunks, err := imm.Chunks(ctx)
	if err != nil || len(chunks) != 4 {
		t.Fatalf("Chunks = %v, %v; want the current month and 3 before it", chunks, err)
	}
	now := time.Now().UTC()
	cur := chunks[0]
	if cur.Amount != 2 || cur.From.Month() != now.Month() || cur.From.Day() != 1 || !cur.To.After(cur.From) || chunks[1].Amount != 0 {
		t.Fatalf("current chunk %+v", cur)
	}

	f, err := imm.BackupChunk(ctx, ChunkBackup{ChunkID: cur.ID, FileAddress: "/backups/$DEVICE$/$FROM$"})
	if err != nil || f.ChunkID != cur.ID || f.FileAddress != "backups/"+immID+"/"+cur.From.Format("2006-01-02")+".csv" {
		t.Fatalf("BackupChunk = %+v, %v", f, err)
	}
	if err := imm.DeleteChunk(ctx, cur.ID); err != nil {
		t.Fatal(err)
	}
	if chunks, _ = imm.Chunks(ctx); chunks[0].Amount != 0 {
		t.Fatalf("chunk still holds %d records after DeleteChunk", chunks[0].Amount)
	}
	var apiErr *client.APIError
	if _, err := ForDevice(env.dp, immID).Backup(ctx, DataBackup{FileAddress: "x"}); !errors.As(err, &apiErr) || apiErr.StatusCode != 400 {
		t.Fatalf("data backup of an immutable device: %v", err)
	}

	// A mutable device's records go to a file and come back into another device.
	srcID, srcTok := env.device("tfacc-src", "mutable")
	if _, err := NewDevice(env.dp.WithToken(srcTok)).Insert(ctx, Record{Variable: "temperature", Value: 21.5, Unit: "C"}); err != nil {
		t.Fatal(err)
	}
	headers := true
	f, err = ForDevice(env.dp, srcID).Backup(ctx, DataBackup{FileAddress: "/exports/$DEVICE$", Headers: &headers})
	if err != nil || f.FileAddress != "exports/"+srcID+".csv" {
		t.Fatalf("Backup = %+v, %v", f, err)
	}
	dstID, _ := env.device("tfacc-dst", "mutable")
	dst := ForDevice(env.dp, dstID)
	if err := dst.Restore(ctx, "/"+f.FileAddress); err != nil {
		t.Fatal(err)
	}
	recs, err := dst.Find(ctx, Query{Variables: []string{"temperature"}})
	if err != nil || len(recs) != 1 || recs[0].Value != 21.5 || recs[0].Unit != "C" {
		t.Fatalf("restored %v, %v", recs, err)
	}
	if err := dst.Restore(ctx, "/no/such.csv"); err == nil || !strings.Contains(err.Error(), "not found") {
		t.Fatalf("restore of a missing file: %v", err)
	}
	var argErr *ArgumentError
	if err := dst.DeleteChunk(ctx, ""); !errors.As(err, &argErr) {
		t.Fatalf("DeleteChunk(\"\") = %v", err)
	}
}
