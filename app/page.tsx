import { redirect } from "next/navigation";
import { connection } from "next/server";
import { sessionUserId } from "@/server/guard";

export default async function Home() {
  await connection();
  redirect((await sessionUserId()) ? "/projects" : "/login");
}
